package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import io.jenkins.plugins.mesh.engine.traffic.RequestCondition.MatchType;
import io.jenkins.plugins.mesh.engine.traffic.RequestCondition.Source;
import java.util.List;
import org.junit.Test;

public class RequestConditionTest {

    @Test
    public void parsesEveryFormAndPrintsItBackCanonically() {
        assertThat(RequestCondition.parse("header:x-canary=exact:true"))
                .isEqualTo(new RequestCondition(Source.HEADER, "x-canary", MatchType.EXACT, "true"));
        assertThat(RequestCondition.parse("header:X-Canary=true")).hasToString("header:x-canary=exact:true");
        assertThat(RequestCondition.parse("header:x-user=prefix:beta-").type()).isEqualTo(MatchType.PREFIX);
        assertThat(RequestCondition.parse(" header:user-agent=regex:.*iPhone.* ").value()).isEqualTo(".*iPhone.*");
        assertThat(RequestCondition.parse("cookie:beta=1")).isEqualTo(RequestCondition.cookie("beta", "1"));
        assertThat(RequestCondition.parse("COOKIE:Group=prefix:test")).hasToString("cookie:Group=prefix:test");
        // A value that starts like a type is written after an explicit exact:.
        assertThat(RequestCondition.parse("header:x=exact:regex:a").value()).isEqualTo("regex:a");
        // A header value may hold '=' and ':'.
        assertThat(RequestCondition.parse("header:x-q=a=b:c").value()).isEqualTo("a=b:c");
        for (String text : List.of("header:x-canary=exact:true", "header:x=prefix:p", "header:x=regex:a|b",
                "cookie:beta=1", "cookie:g=prefix:t", "cookie:g=regex:a|b")) {
            assertThat(RequestCondition.parse(RequestCondition.parse(text).toString()))
                    .isEqualTo(RequestCondition.parse(text));
        }
    }

    @Test
    public void badMatchesSayWhatIsWrongAndWhatToWrite() {
        assertThatThrownBy(() -> RequestCondition.parse("query:x=1")).hasMessageContaining("header: or cookie:")
                .hasMessageContaining("cookie:NAME=VALUE");
        assertThatThrownBy(() -> RequestCondition.parse("header:x-canary")).hasMessageContaining("no header name");
        assertThatThrownBy(() -> RequestCondition.parse("header:=1")).hasMessageContaining("no header name");
        assertThatThrownBy(() -> RequestCondition.parse("header:bad name=1"))
                .hasMessageContaining("'bad name' is not a valid header name");
        assertThatThrownBy(() -> RequestCondition.parse("header:x=regex:(?=a)"))
                .hasMessageContaining("not an RE2 regex").hasMessageContaining("no look-around");
        assertThatThrownBy(() -> RequestCondition.parse("header:x=regex:")).hasMessageContaining("regex is empty");
        assertThatThrownBy(() -> RequestCondition.parse("header:x=regex:" + "a".repeat(1025)))
                .hasMessageContaining("Istio allows at most 1024");
        assertThatThrownBy(() -> RequestCondition.parse("header:x=prefix:")).hasMessageContaining("empty prefix");
        assertThatThrownBy(() -> RequestCondition.parse("cookie:beta=a;b")).hasMessageContaining("semicolons");
        assertThatThrownBy(() -> RequestCondition.parse("header:cookie=beta=1"))
                .hasMessageContaining("cookie:NAME=VALUE");
        assertThatThrownBy(() -> RequestCondition.parse(" ")).hasMessageContaining("empty match");
    }

    @Test
    public void aCookieConditionMatchesTheCookieHeaderWhereverTheCookieIs() {
        Pattern exact = Pattern.compile(RequestCondition.cookie("beta", "1").headerValue());
        assertThat(exact.matcher("beta=1").matches()).isTrue();
        assertThat(exact.matcher("a=2; beta=1").matches()).isTrue();
        assertThat(exact.matcher("a=2;beta=1; c=3").matches()).isTrue();
        assertThat(exact.matcher("beta=10").matches()).isFalse();
        assertThat(exact.matcher("xbeta=1").matches()).isFalse();
        assertThat(exact.matcher("a=beta=1").matches()).isFalse();

        Pattern prefix = Pattern.compile(RequestCondition.parse("cookie:g.x=prefix:te+st").headerValue());
        assertThat(prefix.matcher("g.x=te+st-7; z=1").matches()).isTrue();
        assertThat(prefix.matcher("gax=te+st").matches()).isFalse();
        assertThat(prefix.matcher("g.x=teest").matches()).isFalse();

        Pattern regex = Pattern.compile(RequestCondition.parse("cookie:group=regex:a|b").headerValue());
        assertThat(regex.matcher("x=1; group=b").matches()).isTrue();
        assertThat(regex.matcher("group=c; x=a").matches()).isFalse();
        assertThat(RequestCondition.cookie("beta", "1").headerName()).isEqualTo("cookie");
        assertThat(RequestCondition.cookie("beta", "1").headerMatchType()).isEqualTo(MatchType.REGEX);
    }
}
