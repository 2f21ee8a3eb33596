package io.jenkins.plugins.mesh.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Breaks valid YAML manifests the way people, tools and attackers do: lines deleted, duplicated, swapped or
 * re-indented, values replaced by hostile scalars (huge numbers, tags, aliases, control characters, template and
 * shell syntax), keys swapped, truncation, alias bombs and deep nesting. Seeded, so a failure can be replayed.
 */
final class ManifestMutator {

    static final List<String> HOSTILE = List.of("", "~", "null", "-1", "1e309", "0x1F", "99999999999999999999",
            ".nan", ".inf", "'", "\"", "{", "[", "]", "}", "*a", "&a x", "!!java.net.URL [\"http://127.0.0.1:1\"]",
            "!!binary AAAA", "!!set {a, b}", "<<: *a", "\t", "\u0000", "\u202Eevil", "\uD83D\uDE00", "x".repeat(20_000),
            "|", ">", "? x", "- - - -", "{a: [b, {c: d}]}", "[".repeat(500) + "]".repeat(500), "*.", "*", "..", "/",
            "$(touch /tmp/x)", "${jndi:ldap://127.0.0.1:1/x}", "{{ .Values.x }}", "' or 1=1 --", "..\\..\\",
            "v1:v2", "reviews.bookinfo.svc.cluster.local", "UPPER_case!", "-5ms", "1h1h", "100000000h", "2147483648",
            "-2147483649", "1.5", "true", "yes", "on", "0", "0o17");
    private static final String ALIAS_BOMB = "x: &a [l, l, l, l, l, l, l, l, l]\n"
            + "y: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nz: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "w: [*c, *c, *c, *c, *c, *c, *c, *c]\n";

    private final Random random;

    ManifestMutator(long seed) {
        this.random = new Random(seed);
    }

    /** {@code valid} with one to four random mutations. */
    String mutate(String valid) {
        List<String> lines = new ArrayList<>(Arrays.asList(valid.split("\n", -1)));
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !lines.isEmpty(); m++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(10)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 3 -> lines.set(at, (random.nextBoolean() ? " ".repeat(1 + random.nextInt(3)) : "\t")
                        + (random.nextBoolean() ? line : line.stripLeading()));
                case 4 -> {
                    int colon = line.indexOf(": ");
                    String value = hostile();
                    lines.set(at, colon < 0 ? line + " " + value : line.substring(0, colon + 2) + value);
                }
                case 5 -> lines.add(at, line.replaceAll("\\S.*", "") + hostile() + ": " + hostile());
                case 6 -> {
                    String text = String.join("\n", lines);
                    return text.substring(0, random.nextInt(text.length() + 1));
                }
                case 7 -> {
                    if (!line.isEmpty()) {
                        char[] chars = line.toCharArray();
                        chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
                        lines.set(at, new String(chars));
                    }
                }
                case 8 -> {
                    String key = lines.get(random.nextInt(lines.size())).strip();
                    int colon = line.indexOf(':');
                    int keyColon = key.indexOf(':');
                    if (colon > 0 && keyColon > 0) {
                        String indent = line.replaceAll("\\S.*", "");
                        lines.set(at, indent + key.substring(0, keyColon) + line.substring(colon));
                    }
                }
                default -> lines.add(at, random.nextBoolean() ? ALIAS_BOMB : "---\n" + hostile());
            }
        }
        return String.join("\n", lines);
    }

    private String hostile() {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }
}
