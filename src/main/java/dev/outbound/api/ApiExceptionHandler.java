package dev.outbound.api;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become HTTP: 422 in the contract's {@code {"detail":[...]}} shape
 * for bad input, {@code {"detail":"..."}} for everything else, 503 with Retry-After when the
 * database is unreachable, and never a stack trace to the caller.
 */
@RestControllerAdvice
class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalid(InvalidInput e) {
        return unprocessable(e.violations());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return detail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({Conflict.class, IllegalTransition.class})
    ResponseEntity<Object> conflict(OutboundException e) {
        return detail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Unauthorized.class)
    ResponseEntity<Object> unauthorized(Unauthorized e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"Syllable-API-Key\"")
                .body(Map.of("detail", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<Object> forbidden(Forbidden e) {
        return detail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<Object> tooMany(TooManyRequests e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of("detail", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<Object> tooLarge(PayloadTooLarge e) {
        return detail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> uploadTooLarge(MaxUploadSizeExceededException e) {
        if (partHeadersTooLong(e)) {
            return partHeaders();
        }
        return detail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than the configured limit (OUTBOUND_MAX_UPLOAD_SIZE)");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof BodyTooLarge tooLarge) {
            return detail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
        }
        return unprocessable(List.of(
                new Violation(List.of("body"), "JSON decode error: the body is not valid JSON", "json_invalid")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return unprocessable(List.of(new Violation(
                List.of("body"),
                "Content type '" + e.getContentType() + "' is not supported here; send " + e.getSupportedMediaTypes(),
                "content_type")));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return detail(HttpStatus.NOT_ACCEPTABLE, "This endpoint answers application/json");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParam(MissingServletRequestParameterException e) {
        return unprocessable(
                List.of(new Violation(List.of("query", e.getParameterName()), "Field required", "missing")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Object> missingPart(MissingServletRequestPartException e) {
        return unprocessable(
                List.of(new Violation(List.of("body", e.getRequestPartName()), "Field required", "missing")));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e) {
        if (partHeadersTooLong(e)) {
            return partHeaders();
        }
        if (e.getRootCause() instanceof IllegalStateException ise
                && String.valueOf(ise.getMessage()).contains("exceeds")) {
            return detail(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The upload is larger than the configured limit (OUTBOUND_MAX_UPLOAD_SIZE)");
        }
        return unprocessable(List.of(new Violation(
                List.of("body", "file"),
                "Send the call list as multipart/form-data with a part named 'file'",
                "missing")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        boolean path =
                e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        return unprocessable(List.of(new Violation(
                List.of(path ? "path" : "query", e.getName()),
                "Input should be a valid integer, unable to parse string as an integer",
                "int_parsing")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noResource(NoResourceFoundException e) {
        return detail(HttpStatus.NOT_FOUND, "Not Found");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        return detail(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
    }

    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        QueryTimeoutException.class
    })
    ResponseEntity<Object> unavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("detail", "The database is unavailable; retry shortly"));
    }

    @ExceptionHandler({CannotCreateTransactionException.class, TransactionSystemException.class})
    ResponseEntity<Object> transaction(TransactionException e) {
        // Begin, commit or rollback failed: the database went away mid-request. A failed commit
        // may still have been applied; every write is safe to retry (a repeat answers 409).
        if (e instanceof CannotCreateTransactionException || connectionLost(e)) {
            return unavailable(e);
        }
        return unexpected(e);
    }

    /**
     * Tomcat caps a part's headers (512 bytes by default); the file name is the part of them a
     * caller controls, and the upload's size has nothing to do with it.
     */
    private static ResponseEntity<Object> partHeaders() {
        return unprocessable(List.of(new Violation(
                List.of("body", "file", "filename"),
                "The part's headers are too long: send a shorter file name",
                "string_too_long")));
    }

    private static boolean partHeadersTooLong(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Header section has more than")) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57")) {
                    return true;
                }
            }
            if (t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return detail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
    }

    private static ResponseEntity<Object> unprocessable(List<Violation> violations) {
        return ResponseEntity.unprocessableContent().body(Map.of("detail", violations));
    }

    private static ResponseEntity<Object> detail(HttpStatus status, @org.jspecify.annotations.Nullable String message) {
        return ResponseEntity.status(status).body(Map.of("detail", String.valueOf(message)));
    }
}
