package dev.outbound.auth;

import dev.outbound.api.Unauthorized;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets handlers declare a {@link Caller} parameter. */
@Component
class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @org.jspecify.annotations.Nullable ModelAndViewContainer mav,
            NativeWebRequest request,
            @org.jspecify.annotations.Nullable WebDataBinderFactory binders) {
        Object caller = request.getAttribute(Authenticator.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller == null) {
            throw new Unauthorized("Missing API key: send it in the Syllable-API-Key header");
        }
        return caller;
    }
}
