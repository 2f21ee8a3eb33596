package io.jenkins.plugins.mesh.engine.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields an object of the Istio API may have. A field whose shape is {@link #ANY} is not looked into
 * (its content is free-form or checked elsewhere). Lists of objects share the shape of their items.
 */
final class FieldShape {

    /** Anything goes below this field. */
    static final FieldShape ANY = new FieldShape(null);

    private final Map<String, FieldShape> fields;

    private FieldShape(Map<String, FieldShape> fields) {
        this.fields = fields;
    }

    /** A shape with {@code names} as free-form fields; add nested shapes with {@link #with}. */
    static FieldShape of(String... names) {
        Map<String, FieldShape> fields = new HashMap<>();
        for (String name : names) {
            fields.put(name, ANY);
        }
        return new FieldShape(fields);
    }

    /** This shape with {@code name} described by {@code shape}. */
    FieldShape with(String name, FieldShape shape) {
        Map<String, FieldShape> copy = new HashMap<>(fields);
        copy.put(name, shape);
        return new FieldShape(copy);
    }

    boolean isAny() {
        return fields == null;
    }

    /** The shape of field {@code name}, or null when the field is unknown. */
    FieldShape field(String name) {
        return fields.get(name);
    }

    Set<String> names() {
        return fields.keySet();
    }
}
