package io.jenkins.plugins.mesh.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig whose only context, {@code mock}, points at a mock API server (namespace shop, a dummy token). */
final class MockKubeconfig {

    private MockKubeconfig() {
    }

    static Path write(Path file, String serverUrl) throws Exception {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s"}
                users:
                - name: ci
                  user: {token: not-a-real-token}
                contexts:
                - name: mock
                  context: {cluster: mock, user: ci, namespace: shop}
                current-context: mock
                """.formatted(serverUrl));
        return file;
    }
}
