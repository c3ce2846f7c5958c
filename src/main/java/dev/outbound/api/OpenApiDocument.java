package dev.outbound.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document this service serves: the reference contract ({@code openapi/contract.json},
 * kept byte-for-byte as published) merged with our hand-written extensions
 * ({@code openapi/extensions.json}). Built once at start; a merge conflict (an extension path or
 * component that the contract already defines) stops the service from starting, so the contract
 * can never be silently redefined.
 *
 * <p>Merge rules: {@code info} and {@code servers} come from the extensions; {@code paths} and
 * every {@code components} map gain the extension entries, which must be new; {@code security}
 * and {@code tags} gain the extension entries not already present; {@code openapi} must agree.
 */
@Component
public final class OpenApiDocument {
    static final String CONTRACT = "/openapi/contract.json";
    static final String EXTENSIONS = "/openapi/extensions.json";

    private final byte[] json;

    OpenApiDocument() {
        this(JsonMapper.builder().build());
    }

    private OpenApiDocument(JsonMapper mapper) {
        ObjectNode merged = merge(read(mapper, CONTRACT), read(mapper, EXTENSIONS));
        this.json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
    }

    /** The merged document as UTF-8 JSON. */
    public byte[] json() {
        return json.clone();
    }

    /** Merges {@code extensions} into a copy of {@code contract}; fails on any collision. */
    static ObjectNode merge(ObjectNode contract, ObjectNode extensions) {
        ObjectNode out = contract.deepCopy();
        for (Map.Entry<String, JsonNode> e : extensions.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "openapi" -> {
                    if (!value.equals(contract.get("openapi"))) {
                        throw new IllegalStateException("extensions.json declares openapi " + value
                                + " but the contract is " + contract.get("openapi"));
                    }
                }
                case "info", "servers" -> out.set(key, value.deepCopy());
                case "paths" -> addNew(out.withObjectProperty("paths"), object(key, value), "paths");
                case "components" -> {
                    ObjectNode components = out.withObjectProperty("components");
                    for (Map.Entry<String, JsonNode> c : object(key, value).properties()) {
                        addNew(
                                components.withObjectProperty(c.getKey()),
                                object("components." + c.getKey(), c.getValue()),
                                "components." + c.getKey());
                    }
                }
                case "security", "tags" -> appendMissing(out, key, value);
                default -> {
                    if (out.has(key)) {
                        throw new IllegalStateException("extensions.json redefines top-level '" + key + "'");
                    }
                    out.set(key, value.deepCopy());
                }
            }
        }
        return out;
    }

    private static void addNew(ObjectNode target, ObjectNode additions, String where) {
        List<String> clashes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : additions.properties()) {
            if (target.has(e.getKey())) {
                clashes.add(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException(
                    "extensions.json may only add to " + where + " but redefines contract entries " + clashes);
        }
    }

    private static void appendMissing(ObjectNode out, String key, JsonNode additions) {
        if (!additions.isArray()) {
            throw new IllegalStateException("extensions.json: '" + key + "' must be an array");
        }
        ArrayNode target = out.withArrayProperty(key);
        for (JsonNode item : additions) {
            boolean present = false;
            for (JsonNode existing : target) {
                present |= existing.equals(item);
            }
            if (!present) {
                target.add(item.deepCopy());
            }
        }
    }

    private static ObjectNode object(String where, JsonNode node) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new IllegalStateException("extensions.json: '" + where + "' must be an object");
    }

    static ObjectNode read(JsonMapper mapper, String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return object(resource, mapper.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
