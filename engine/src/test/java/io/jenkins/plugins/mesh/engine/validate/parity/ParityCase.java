package io.jenkins.plugins.mesh.engine.validate.parity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixture mirroring a test case of {@code istioctl analyze}: the YAML, the analyzer the case tests, the codes that
 * analyzer reports (with {@code message:} lines, only the findings of a code whose message starts so: codes several
 * analyzers share), and the messages it expects ({@code CODE Kind namespace/name}), all from the fixture's header.
 */
record ParityCase(String name, String analyzer, Set<String> codes, Map<String, List<String>> messages,
        List<String> expected, String yaml) {

    static ParityCase read(Path file) throws IOException {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        String analyzer = null;
        Set<String> codes = new HashSet<>();
        List<String> expected = new ArrayList<>();
        Map<String, List<String>> messages = new HashMap<>();
        for (String line : yaml.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            String text = line.substring(1).trim();
            if (text.startsWith("analyzer:")) {
                analyzer = text.substring("analyzer:".length()).trim();
            } else if (text.startsWith("codes:")) {
                codes.addAll(List.of(text.substring("codes:".length()).trim().split("\\s+")));
            } else if (text.startsWith("message:")) {
                String[] parts = text.substring("message:".length()).trim().split(" ", 2);
                messages.computeIfAbsent(parts[0], c -> new ArrayList<>()).add(parts[1]);
            } else if (text.startsWith("expect:")) {
                expected.add(text.substring("expect:".length()).trim());
            }
        }
        if (analyzer == null || codes.isEmpty()) {
            throw new IllegalStateException(file + " needs '# analyzer:' and '# codes:' header lines");
        }
        return new ParityCase(file.getFileName().toString(), analyzer, codes, messages, expected, yaml);
    }

    /** Whether {@code finding} is of what this case's analyzer reports. */
    boolean reports(io.jenkins.plugins.mesh.engine.validate.Finding finding) {
        String code = finding.code().name();
        if (!codes.contains(code)) {
            return false;
        }
        List<String> prefixes = messages.get(code);
        return prefixes == null || prefixes.stream().anyMatch(finding.message()::startsWith);
    }
}
