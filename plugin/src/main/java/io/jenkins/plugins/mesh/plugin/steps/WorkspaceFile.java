package io.jenkins.plugins.mesh.plugin.steps;

import java.io.Serializable;

/** A configuration file read from the workspace: its path relative to the workspace and its text. */
public record WorkspaceFile(String path, String content) implements Serializable {

    private static final long serialVersionUID = 1L;
}
