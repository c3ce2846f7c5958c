package dev.outbound.api;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the merged OpenAPI document at {@code /openapi.json} and Swagger UI at {@code /docs}.
 * Neither is under {@code /api/**}, so neither needs an API key.
 */
@RestController
class OpenApiController {
    private static final String DOCS_PAGE = "/static/docs/index.html";

    private final OpenApiDocument document;
    private final byte[] docsPage;

    OpenApiController(OpenApiDocument document) {
        this.document = document;
        this.docsPage = readDocsPage();
    }

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .body(document.json());
    }

    /** Swagger UI; the page is also reachable as the static resource {@code /docs/index.html}. */
    @GetMapping(value = {"/docs", "/docs/"})
    ResponseEntity<byte[]> docs() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(docsPage.clone());
    }

    private static byte[] readDocsPage() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(DOCS_PAGE)) {
            if (in == null) {
                throw new IllegalStateException(DOCS_PAGE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + DOCS_PAGE, e);
        }
    }
}
