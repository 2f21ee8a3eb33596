package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects findings as rules report them, locating each at the field it concerns. */
public final class Findings {

    private final List<Finding> list = new ArrayList<>();

    /** Reports {@code code} with its usual severity on the field at {@code path} of {@code resource}. */
    public void add(FindingCode code, MeshResource resource, String path, String message) {
        add(code, code.severity(), resource, path, message);
    }

    /** Reports {@code code} with {@code severity} on the field at {@code path} of {@code resource}. */
    public void add(FindingCode code, Severity severity, MeshResource resource, String path, String message) {
        list.add(new Finding(code, severity, resource.kind().kind(), resource.namespace(), resource.name(),
                resource.location().file(), resource.lineOf(path), message));
    }

    /**
     * Reports what policy rule {@code rule} found with {@code code} and {@code severity} on the field at {@code path}
     * of {@code resource}.
     */
    public void add(FindingCode code, Severity severity, MeshResource resource, String path, String message,
            String rule) {
        list.add(new Finding(code, severity, resource.kind().kind(), resource.namespace(), resource.name(),
                resource.location().file(), resource.lineOf(path), message, rule));
    }

    /** Adds a finding built elsewhere. */
    public void add(Finding finding) {
        list.add(finding);
    }

    /** Everything reported, by file, line and code. */
    public List<Finding> sorted() {
        List<Finding> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparing(Finding::code).thenComparing(Finding::message));
        return sorted;
    }
}
