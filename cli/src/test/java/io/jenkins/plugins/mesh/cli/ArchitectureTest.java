package io.jenkins.plugins.mesh.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Holds the dependency directions of the architecture: config -> validate; rollout -> (traffic, analysis);
 * cli and plugin -> engine. The engine never sees the command line, the simulator, the plugin or Jenkins.
 */
public class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeClass
    public static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the libraries relocated into the engine jar are not ours
                .withImportOption(location -> !location.contains("/io/jenkins/plugins/mesh/engine/shaded/"))
                .importPackages("io.jenkins.plugins.mesh");
    }

    @Test
    public void engineDependsOnNoOuterLayer() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.mesh.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.jenkins.plugins.mesh.cli..",
                        "io.jenkins.plugins.mesh.simulator..",
                        "io.jenkins.plugins.mesh.plugin..")
                .because("the engine holds every decision and must run the same under Jenkins, the CLI and tests")
                .check(classes);
    }

    @Test
    public void policiesSitOnTopOfTheValidator() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.mesh.engine..")
                .and().resideOutsideOfPackage("io.jenkins.plugins.mesh.engine.policy..")
                .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.mesh.engine.policy..")
                .because("policies plug into the validator as rules; the checks below them do not know CEL")
                .check(classes);
    }

    @Test
    public void engineIsFreeOfJenkins() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.mesh.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                        "org.kohsuke.stapler..", "picocli..")
                .because("the engine is built and tested where Jenkins cannot be downloaded")
                .check(classes);
    }

    @Test
    public void policiesAreJenkinsFreeAndNeverWrite() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.mesh.engine.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mesh.cli..",
                        "io.jenkins.plugins.mesh.simulator..", "io.jenkins.plugins.mesh.plugin..",
                        "io.jenkins.plugins.mesh.engine.traffic..", "io.jenkins.plugins.mesh.engine.rollout..",
                        "io.fabric8..", "hudson..", "jenkins..")
                .because("policies are checks like the validator's: pure functions of the config, in the engine's layer")
                .check(classes);
    }

    @Test
    public void simulatorIsNotTheCli() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.mesh.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mesh.cli..",
                        "io.jenkins.plugins.mesh.plugin..")
                .check(classes);
    }

    @Test
    public void validationDoesNotTouchTheCluster() {
        noClasses().that().resideInAnyPackage("io.jenkins.plugins.mesh.engine.config..",
                        "io.jenkins.plugins.mesh.engine.validate..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mesh.engine.traffic..",
                        "io.jenkins.plugins.mesh.engine.rollout..")
                .allowEmptyShould(true)
                .because("validation is a pure function of its inputs and never writes")
                .check(classes);
    }

    @Test
    public void trafficAndAnalysisDoNotKnowTheRollout() {
        noClasses().that().resideInAnyPackage("io.jenkins.plugins.mesh.engine.traffic..",
                        "io.jenkins.plugins.mesh.engine.analysis..")
                .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.mesh.engine.rollout..")
                .allowEmptyShould(true)
                .because("data flows one way: the rollout drives traffic and analysis")
                .check(classes);
    }
}
