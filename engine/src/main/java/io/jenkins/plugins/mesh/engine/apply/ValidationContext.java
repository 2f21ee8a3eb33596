package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.ClusterConfigReader;
import io.jenkins.plugins.mesh.engine.config.ClusterReadException;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.util.Collection;
import java.util.List;

/** The live objects the files are validated against (Services, DestinationRules, ...), as mesh validate --cluster. */
@FunctionalInterface
public interface ValidationContext {

    /** Validate the files alone. */
    ValidationContext NONE = namespaces -> List.of();

    /** The context objects of {@code namespaces}. */
    List<MeshResource> read(Collection<String> namespaces);

    /** The context {@link ClusterConfigReader} reads, a read failure thrown as an {@link IllegalStateException}. */
    static ValidationContext of(ClusterConfigReader reader) {
        return namespaces -> {
            try {
                return reader.read(namespaces);
            } catch (ClusterReadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }
}
