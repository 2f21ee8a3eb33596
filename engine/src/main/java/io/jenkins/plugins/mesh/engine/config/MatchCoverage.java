package io.jenkins.plugins.mesh.engine.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether one Istio HTTP match condition ({@code HTTPMatchRequest}) takes every request another one would take, so
 * that a route listing the other one later never sees those requests. Conservative: when it cannot tell, it says no,
 * so it flags only matches that surely can never be reached.
 *
 * <p>An earlier condition covers a later one when each thing it requires is implied by what the later one requires:
 * the same exact value, a prefix of the later's prefix or exact value, the same regex or an exact value the regex
 * matches in full (Envoy matches regexes against the whole value); the same port, source labels, gateways and
 * excluded headers. What only the later one requires makes it narrower, which keeps it covered.
 */
public final class MatchCoverage {

    /** Fields holding one StringMatch. */
    private static final Set<String> STRING_FIELDS = Set.of("uri", "scheme", "method", "authority");
    /** Fields holding a StringMatch per name. */
    private static final Set<String> NAMED_FIELDS = Set.of("headers", "queryParams");
    /** Fields that say nothing about which requests match. */
    private static final Set<String> IGNORED = Set.of("name", "statPrefix");

    private MatchCoverage() {
    }

    /** Whether every request {@code later} matches is also matched by {@code earlier}. */
    public static boolean covers(Map<?, ?> earlier, Map<?, ?> later) {
        if (Boolean.TRUE.equals(later.get("ignoreUriCase")) && earlier.containsKey("uri")
                && !Boolean.TRUE.equals(earlier.get("ignoreUriCase"))) {
            return false;
        }
        for (Map.Entry<?, ?> required : earlier.entrySet()) {
            String field = String.valueOf(required.getKey());
            if (IGNORED.contains(field) || field.equals("ignoreUriCase")) {
                continue;
            }
            Object narrower = later.get(field);
            boolean implied;
            if (STRING_FIELDS.contains(field)) {
                implied = implies(narrower, required.getValue());
            } else if (NAMED_FIELDS.contains(field)) {
                implied = impliesEach(narrower, required.getValue(), field.equals("headers"));
            } else {
                implied = Objects.equals(narrower, required.getValue());
            }
            if (!implied) {
                return false;
            }
        }
        return true;
    }

    /** Whether each named StringMatch of {@code earlier} is implied by the same name's in {@code later}. */
    private static boolean impliesEach(Object later, Object earlier, boolean caseInsensitiveNames) {
        if (!(earlier instanceof Map<?, ?> wanted)) {
            return Objects.equals(later, earlier);
        }
        if (wanted.isEmpty()) {
            return true;
        }
        if (!(later instanceof Map<?, ?> found)) {
            return false;
        }
        for (Map.Entry<?, ?> entry : wanted.entrySet()) {
            Object match = null;
            boolean present = false;
            for (Map.Entry<?, ?> candidate : found.entrySet()) {
                if (sameName(candidate.getKey(), entry.getKey(), caseInsensitiveNames)) {
                    match = candidate.getValue();
                    present = true;
                }
            }
            boolean anyValue = entry.getValue() instanceof Map<?, ?> m && m.isEmpty();
            if (!present || !anyValue && !implies(match, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameName(Object a, Object b, boolean caseInsensitive) {
        String left = String.valueOf(a);
        String right = String.valueOf(b);
        return caseInsensitive ? left.toLowerCase(Locale.ROOT).equals(right.toLowerCase(Locale.ROOT))
                : left.equals(right);
    }

    /** Whether the StringMatch {@code later} admits only values {@code earlier} admits. */
    static boolean implies(Object later, Object earlier) {
        if (!(earlier instanceof Map<?, ?> wanted) || !(later instanceof Map<?, ?> found) || wanted.size() != 1
                || found.size() != 1) {
            return Objects.equals(later, earlier);
        }
        String wantedType = String.valueOf(wanted.keySet().iterator().next());
        String foundType = String.valueOf(found.keySet().iterator().next());
        if (!(wanted.values().iterator().next() instanceof String wantedValue)
                || !(found.values().iterator().next() instanceof String foundValue)) {
            return false;
        }
        return switch (wantedType) {
            case "exact" -> foundType.equals("exact") && foundValue.equals(wantedValue);
            case "prefix" -> (foundType.equals("exact") || foundType.equals("prefix"))
                    && foundValue.startsWith(wantedValue);
            case "regex" -> foundType.equals("regex") && foundValue.equals(wantedValue)
                    || foundType.equals("exact") && fullMatch(wantedValue, foundValue);
            default -> false;
        };
    }

    private static boolean fullMatch(String regex, String value) {
        try {
            return Pattern.compile(regex).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
