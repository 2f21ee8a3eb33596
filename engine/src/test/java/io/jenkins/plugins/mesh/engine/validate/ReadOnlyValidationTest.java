package io.jenkins.plugins.mesh.engine.validate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.Test;

/** No code of config or validate can write to a cluster: it calls no fabric8 method that creates, changes or deletes. */
public class ReadOnlyValidationTest {

    private static final Set<String> WRITES = Set.of("create", "createOr", "createOrReplace", "update", "replace",
            "patch", "edit", "delete", "serverSideApply", "apply", "updateStatus", "patchStatus", "editStatus",
            "scale", "rolling", "resource");

    private static final DescribedPredicate<JavaMethodCall> FABRIC8_WRITE =
            DescribedPredicate.describe("a fabric8 call that writes", call -> isFabric8(call)
                    && WRITES.contains(call.getName()));

    private static boolean isFabric8(JavaMethodCall call) {
        return call.getTargetOwner().getPackageName().startsWith("io.fabric8");
    }

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.mesh.engine.config", "io.jenkins.plugins.mesh.engine.validate");

    @Test
    public void configAndValidateNeverWrite() {
        noClasses().should().callMethodWhere(FABRIC8_WRITE)
                .because("validation is a pure function of its inputs and never writes to a cluster")
                .check(classes);
    }

    @Test
    public void theReaderDoesCallFabric8() {
        // the rule above is not vacuous: the cluster reader talks to fabric8, with reads only
        assertThat(classes.get("io.jenkins.plugins.mesh.engine.config.ClusterConfigReader").getMethodCallsFromSelf())
                .filteredOn(ReadOnlyValidationTest::isFabric8).extracting(JavaMethodCall::getName)
                .contains("list", "get", "genericKubernetesResources", "inNamespace");
    }
}
