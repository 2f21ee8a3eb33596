package io.jenkins.plugins.mesh.engine.traffic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * One condition a request must meet to be sent to the canary by an A/B route: a header or a cookie compared with a
 * value. Written as users type it ({@link #parse}):
 * <pre>
 * header:x-canary=exact:true     header x-canary is exactly "true" (exact: may be left out)
 * header:x-user=prefix:beta-     header x-user starts with "beta-"
 * header:user-agent=regex:.*iPhone.*   RE2, matched against the whole value (as Envoy does)
 * cookie:beta=1                  the request carries cookie beta with value 1
 * cookie:group=prefix:test       cookie group's value starts with "test"
 * cookie:group=regex:a|b         cookie group's value is a or b (RE2; it cannot reach into other cookies)
 * </pre>
 * Header names are case-insensitive in HTTP and kept in lower case, as Istio wants them. A cookie condition becomes
 * a regex on the {@code Cookie} header, the way Flagger and Argo Rollouts match cookies, since neither Istio nor the
 * Gateway API match cookies by name.
 *
 * @param source what is compared: a header or a cookie
 * @param name the header name (lower case) or cookie name
 * @param type how the value is compared
 * @param value the value, prefix or RE2 regex
 */
public record RequestCondition(Source source, String name, MatchType type, String value) {

    /** Istio's limit on a regex, in characters. */
    static final int REGEX_MAX = 1024;
    private static final String FORMS = "write header:NAME=VALUE, header:NAME=exact:VALUE, header:NAME=prefix:VALUE, "
            + "header:NAME=regex:RE2, cookie:NAME=VALUE, cookie:NAME=prefix:VALUE or cookie:NAME=regex:RE2";
    /** An HTTP token (RFC 9110): what header and cookie names are made of. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** What a cookie value may hold (RFC 6265 cookie-octet). */
    private static final java.util.regex.Pattern COOKIE_OCTETS =
            java.util.regex.Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*");

    /** Where the compared value comes from. */
    public enum Source {
        HEADER, COOKIE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the value is compared. */
    public enum MatchType {
        EXACT, PREFIX, REGEX;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RequestCondition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + source.word() + " name: use letters, "
                    + "digits and !#$%&'*+-.^_`|~ only");
        }
        name = source == Source.HEADER ? name.toLowerCase(Locale.ROOT) : name;
        if (source == Source.HEADER && name.equals("cookie") && type != MatchType.REGEX) {
            throw new IllegalArgumentException("match a cookie with cookie:NAME=VALUE rather than the Cookie header: "
                    + "a request carries all its cookies in one header");
        }
        if (type == MatchType.REGEX) {
            requireRegex(value);
        } else if (value.isEmpty() && type == MatchType.PREFIX) {
            throw new IllegalArgumentException("an empty prefix matches every request that has the " + source.word()
                    + "; give a prefix, or match the value exactly");
        } else if (source == Source.COOKIE && !COOKIE_OCTETS.matcher(value).matches()) {
            throw new IllegalArgumentException("cookie " + name + " cannot have the value '" + value + "': cookie "
                    + "values hold no spaces, quotes, commas, semicolons or backslashes");
        }
        if (source == Source.COOKIE) {
            requireRegex(cookieRegex(name, type, value));
        }
    }

    /** A header compared exactly. */
    public static RequestCondition header(String name, String value) {
        return new RequestCondition(Source.HEADER, name, MatchType.EXACT, value);
    }

    /** A cookie compared exactly. */
    public static RequestCondition cookie(String name, String value) {
        return new RequestCondition(Source.COOKIE, name, MatchType.EXACT, value);
    }

    /**
     * Parses the text form (see the class comment).
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    @JsonCreator
    public static RequestCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty match; " + FORMS);
        }
        String spec = text.strip();
        int colon = spec.indexOf(':');
        Source source = colon < 0 ? null : switch (spec.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "header" -> Source.HEADER;
            case "cookie" -> Source.COOKIE;
            default -> null;
        };
        if (source == null) {
            throw new IllegalArgumentException("'" + text + "' does not start with header: or cookie:; " + FORMS);
        }
        String rest = spec.substring(colon + 1);
        int equals = rest.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + text + "' has no " + source.word() + " name and value; " + FORMS);
        }
        String name = rest.substring(0, equals).strip();
        String compared = rest.substring(equals + 1);
        MatchType type = MatchType.EXACT;
        for (MatchType candidate : MatchType.values()) {
            if (compared.startsWith(candidate.word() + ":")) {
                type = candidate;
                compared = compared.substring(candidate.word().length() + 1);
                break;
            }
        }
        try {
            return new RequestCondition(source, name, type, compared);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("match '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The header the mesh compares: the header itself, or {@code cookie} for a cookie condition. */
    public String headerName() {
        return source == Source.HEADER ? name : "cookie";
    }

    /** How the mesh compares that header: the type (a cookie is always a regex) and the value or regex. */
    public MatchType headerMatchType() {
        return source == Source.HEADER ? type : MatchType.REGEX;
    }

    /** The value, prefix or regex the mesh compares the header with. */
    public String headerValue() {
        return source == Source.HEADER ? value : cookieRegex(name, type, value);
    }

    /**
     * The regex on the whole {@code Cookie} header that holds when cookie {@code name} meets the condition: the
     * cookie comes first or after a {@code ;}, its value ends at the next {@code ;} or the end.
     */
    static String cookieRegex(String name, MatchType type, String value) {
        String cookieValue = switch (type) {
            case EXACT -> quote(value);
            case PREFIX -> quote(value) + "[^;]*";
            case REGEX -> "(?:" + value + ")";
        };
        return "^(.*?;\\s*)?" + quote(name) + "=" + cookieValue + "(;.*)?$";
    }

    /** {@code text} with every RE2 meta character escaped, so the regex matches it literally. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void requireRegex(String regex) {
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("the regex is empty; give one, or match the value exactly");
        }
        if (regex.length() > REGEX_MAX) {
            throw new IllegalArgumentException("the regex is " + regex.length() + " characters long; Istio allows at "
                    + "most " + REGEX_MAX);
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not an RE2 regex (" + e.getDescription() + "); "
                    + "RE2 has no look-around or back-references");
        }
    }

    /** The canonical text form, which {@link #parse} reads back to an equal condition. */
    @JsonValue
    @Override
    public String toString() {
        return source.word() + ":" + name + "=" + type.word() + ":" + value;
    }
}
