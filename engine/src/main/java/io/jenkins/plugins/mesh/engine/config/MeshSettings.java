package io.jenkins.plugins.mesh.engine.config;

import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What the checks need of the mesh configuration (the {@code mesh} key of the ConfigMap {@code istio} in
 * {@code istio-system}, as istiod reads it): whether the DNS proxy allocates addresses to ServiceEntries.
 *
 * @param addressesAllocated {@code ISTIO_META_DNS_CAPTURE} together with {@code ISTIO_META_DNS_AUTO_ALLOCATE} or
 *     {@code PILOT_ENABLE_IP_AUTOALLOCATE} in {@code defaultConfig.proxyMetadata}
 */
public record MeshSettings(boolean addressesAllocated) {

    /** The settings of the mesh ConfigMap among {@code resources}; defaults when there is none. */
    public static MeshSettings of(Iterable<MeshResource> resources) {
        for (MeshResource resource : resources) {
            if (resource.kind() == MeshKind.CONFIG_MAP && resource.name().equals("istio")
                    && resource.namespace().equals(Workloads.ISTIO_SYSTEM)) {
                String mesh = YamlValues.string(YamlValues.map(resource.body().get("data")).get("mesh"));
                return mesh == null ? new MeshSettings(false) : parse(mesh);
            }
        }
        return new MeshSettings(false);
    }

    private static MeshSettings parse(String mesh) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setNestingDepthLimit(50);
            root = new Yaml(new SafeConstructor(options)).load(mesh);
        } catch (YAMLException | ClassCastException e) {
            return new MeshSettings(false);
        }
        Map<String, Object> metadata = YamlValues.map(YamlValues.map(YamlValues.map(root).get("defaultConfig"))
                .get("proxyMetadata"));
        boolean capture = "true".equals(String.valueOf(metadata.get("ISTIO_META_DNS_CAPTURE")));
        boolean allocate = "true".equals(String.valueOf(metadata.get("ISTIO_META_DNS_AUTO_ALLOCATE")))
                || "true".equals(String.valueOf(metadata.get("PILOT_ENABLE_IP_AUTOALLOCATE")));
        return new MeshSettings(capture && allocate);
    }
}
