package io.jenkins.plugins.mesh.plugin.connect;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Where a credential id is resolved. A build resolves in the context of its job and as the build's authentication,
 * so a job only reaches the credentials it may use; the global configuration page (administrators only) resolves in
 * Jenkins' global context.
 */
public interface CredentialSource {

    /** The credential of that id and type visible here, or null. */
    @CheckForNull
    <C extends IdCredentials> C find(String id, Class<C> type);

    /** What the build may use: {@link CredentialsProvider#findCredentialById(String, Class, Run, List)}. */
    static CredentialSource forRun(Run<?, ?> run) {
        return new CredentialSource() {
            @Override
            public <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.findCredentialById(id, type, run, List.of());
            }
        };
    }

    /** What a job's configuration can reach, e.g. for a build parameter's choices. */
    static CredentialSource forItem(Item item) {
        return new CredentialSource() {
            @Override
            public <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.findCredentialByIdInItem(id, type, item, ACL.SYSTEM2, List.of());
            }
        };
    }

    /** Jenkins' global credentials, for connection tests on the global configuration page. */
    static CredentialSource global() {
        return new CredentialSource() {
            @Override
            public <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2,
                        List.of());
            }
        };
    }
}
