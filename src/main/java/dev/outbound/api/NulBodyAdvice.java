package dev.outbound.api;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Refuses JSON bodies with a NUL character in any string or property name, naming where: the
 * stores cannot hold such text (PostgreSQL refuses it), so it must be a 422 and not a 500.
 */
@ControllerAdvice
class NulBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> c && JsonNode.class.isAssignableFrom(c);
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode node) {
            var v = new Violations();
            var loc = new ArrayList<Object>();
            loc.add("body");
            check(node, loc, v);
            v.throwIfAny();
        }
        return body;
    }

    private static void check(JsonNode node, List<Object> loc, Violations v) {
        if (node.isString()) {
            if (node.asString().indexOf('\0') >= 0) {
                v.add(loc, "Text must not contain NUL characters (\\u0000)", "string_type");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                loc.add(i);
                check(node.get(i), loc, v);
                loc.removeLast();
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                loc.add(e.getKey());
                if (e.getKey().indexOf('\0') >= 0) {
                    v.add(loc, "Names must not contain NUL characters (\\u0000)", "string_type");
                }
                check(e.getValue(), loc, v);
                loc.removeLast();
            }
        }
    }
}
