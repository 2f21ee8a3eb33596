package io.jenkins.plugins.mesh.engine.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report as JUnit XML ({@code mesh validate --format junit}), for Jenkins' {@code junit} step and any CI that shows
 * test results: one test case per checked object (class name: its file; name: {@code Kind namespace/name}), failed
 * by its errors; its warnings and infos are in its {@code system-out}. A document that could not be read is a failed
 * test case of its file.
 */
public final class ValidationReportJunit {

    private ValidationReportJunit() {
    }

    /** The report as a JUnit XML document. */
    public static String write(ValidationReport report) {
        // findings by the object they are about: file, kind, namespace and name
        Map<String, List<Finding>> byObject = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            byObject.computeIfAbsent(key(finding.file(), finding.kind(), finding.namespace(), finding.name()),
                    k -> new ArrayList<>()).add(finding);
        }
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int tests = 0;
        for (CheckedObject object : report.checked()) {
            List<Finding> own = byObject.remove(key(object.file(), object.kind(), object.namespace(), object.name()));
            failures += testCase(cases, object.file(), object.displayName(), own == null ? List.of() : own) ? 1 : 0;
            tests++;
        }
        for (Finding finding : byObject.values().stream().flatMap(List::stream).toList()) {
            String name = finding.kind().isEmpty() ? "document at line " + finding.line() : finding.kind() + " "
                    + (finding.namespace().isEmpty() ? "" : finding.namespace() + "/") + finding.name();
            failures += testCase(cases, finding.file(), name, List.of(finding)) ? 1 : 0;
            tests++;
        }
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mesh validate\"" + counts + ">\n"
                + "  <testsuite name=\"mesh validate\"" + counts + ">\n" + cases + "  </testsuite>\n</testsuites>\n";
    }

    private static String key(String file, String kind, String namespace, String name) {
        return file + "\n" + kind + "\n" + namespace + "\n" + name;
    }

    /** Appends one test case; whether it failed. */
    private static boolean testCase(StringBuilder out, String file, String name, List<Finding> findings) {
        out.append("    <testcase classname=\"").append(escape(file)).append("\" name=\"").append(escape(name))
                .append("\"");
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        List<Finding> others = findings.stream().filter(f -> f.severity() != Severity.ERROR).toList();
        if (findings.isEmpty()) {
            out.append("/>\n");
            return false;
        }
        out.append(">\n");
        if (!errors.isEmpty()) {
            Finding first = errors.get(0);
            out.append("      <failure type=\"").append(escape(first.ruleId())).append("\" message=\"")
                    .append(escape(errors.size() == 1 ? first.message() : errors.size() + " errors: "
                            + first.message())).append("\">");
            errors.forEach(f -> out.append(escape(f.toText())).append('\n'));
            out.append("</failure>\n");
        }
        if (!others.isEmpty()) {
            out.append("      <system-out>");
            others.forEach(f -> out.append(escape(f.toText())).append('\n'));
            out.append("</system-out>\n");
        }
        out.append("    </testcase>\n");
        return !errors.isEmpty();
    }

    /** XML text: markup characters escaped, characters XML 1.0 cannot hold replaced. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (legal) {
                        out.appendCodePoint(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        });
        return out.toString();
    }
}
