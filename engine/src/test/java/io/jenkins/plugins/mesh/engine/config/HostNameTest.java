package io.jenkins.plugins.mesh.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class HostNameTest {

    @Test
    public void shortNamesResolveInTheNamespace() {
        assertThat(HostName.resolve("reviews", "shop")).isEqualTo("reviews.shop.svc.cluster.local");
        assertThat(HostName.resolve("reviews.shop", "x")).isEqualTo("reviews.shop");
        assertThat(HostName.resolve("*", "x")).isEqualTo("*");
        assertThat(HostName.namespaceOf("a.b.svc.cluster.local")).isEqualTo("b");
        assertThat(HostName.namespaceOf("api.example.com")).isNull();
    }

    @Test
    public void wildcardsMatchBySuffix() {
        assertThat(HostName.matches("*.example.com", "a.example.com")).isTrue();
        assertThat(HostName.matches("a.example.com", "*.example.com")).isTrue();
        assertThat(HostName.matches("*.example.com", "example.com")).isFalse();
        assertThat(HostName.matches("*", "anything")).isTrue();
        assertThat(HostName.matches("*.b.example.com", "*.example.com")).isTrue();
        assertThat(HostName.matches("a.example.com", "b.example.com")).isFalse();
    }
}
