package io.jenkins.plugins.mesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class KubernetesNameTest {

    @Test
    public void acceptsLabels() {
        assertThat(KubernetesName.isLabel("v1")).isTrue();
        assertThat(KubernetesName.isLabel("reviews-canary")).isTrue();
        assertThat(KubernetesName.isLabel("a".repeat(63))).isTrue();
    }

    @Test
    public void rejectsWhatTheApiServerRejects() {
        assertThat(KubernetesName.isLabel(null)).isFalse();
        assertThat(KubernetesName.isLabel("")).isFalse();
        assertThat(KubernetesName.isLabel("V1")).isFalse();
        assertThat(KubernetesName.isLabel("-v1")).isFalse();
        assertThat(KubernetesName.isLabel("v1-")).isFalse();
        assertThat(KubernetesName.isLabel("v_1")).isFalse();
        assertThat(KubernetesName.isLabel("a".repeat(64))).isFalse();
        assertThat(KubernetesName.isLabel("reviews.shop")).isFalse();
        assertThat(KubernetesName.isLabel("v1\"} or vector(1)")).isFalse();
    }

    @Test
    public void subdomainsAllowDots() {
        assertThat(KubernetesName.isSubdomain("reviews.shop.svc")).isTrue();
        assertThat(KubernetesName.isSubdomain("reviews..shop")).isFalse();
        assertThat(KubernetesName.isSubdomain(".reviews")).isFalse();
        assertThat(KubernetesName.isSubdomain("a".repeat(254))).isFalse();
    }

    @Test
    public void errorSaysWhichValueAndHowToFixIt() {
        assertThat(KubernetesName.requireLabel("namespace", "shop")).isEqualTo("shop");
        assertThatThrownBy(() -> KubernetesName.requireLabel("--canary", "V2\nx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--canary 'V2?x'")
                .hasMessageContaining("lower-case letters, digits and '-'");
        assertThatThrownBy(() -> KubernetesName.requireSubdomain("VirtualService", "x".repeat(300)))
                .hasMessageContaining("...")
                .hasMessageContaining("at most 253");
    }
}
