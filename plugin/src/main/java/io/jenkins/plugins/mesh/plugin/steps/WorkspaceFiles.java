package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.Util;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;
import org.apache.tools.ant.DirectoryScanner;

/**
 * Reads the files matching an Ant pattern on the agent that holds the workspace, in one round trip, so the validation
 * runs on the controller where the engine is. Bounded, because the files travel over the agent channel.
 */
final class WorkspaceFiles extends MasterToSlaveFileCallable<List<WorkspaceFile>> {

    private static final long serialVersionUID = 1L;
    static final int MAX_FILES = 2000;
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final String includes;

    WorkspaceFiles(String includes) {
        this.includes = includes;
    }

    @Override
    public List<WorkspaceFile> invoke(File workspace, VirtualChannel channel) throws IOException {
        DirectoryScanner scanner = Util.createFileSet(workspace, includes).getDirectoryScanner();
        String[] matched = scanner.getIncludedFiles();
        if (matched.length > MAX_FILES) {
            throw new AbortException(Messages.WorkspaceFiles_TooMany(includes, matched.length, MAX_FILES));
        }
        List<WorkspaceFile> files = new ArrayList<>();
        long total = 0;
        for (String relative : matched) {
            File file = new File(workspace, relative);
            total += file.length();
            if (total > MAX_BYTES) {
                throw new AbortException(Messages.WorkspaceFiles_TooLarge(includes, MAX_BYTES / (1024 * 1024)));
            }
            files.add(new WorkspaceFile(relative.replace(File.separatorChar, '/'),
                    Files.readString(file.toPath(), StandardCharsets.UTF_8)));
        }
        return files;
    }
}
