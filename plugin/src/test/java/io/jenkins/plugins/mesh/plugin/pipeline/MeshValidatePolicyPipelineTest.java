package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * meshValidate with the organisation's CEL rules and admission policies, inside a real controller: cel-java runs from
 * the engine jar, relocated, next to Jenkins core's own Guava. No cluster is needed.
 */
public class MeshValidatePolicyPipelineTest {

    private static final String ROUTE = """
            writeFile file: 'istio/reviews.yaml', text: '''\\
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - name: primary
                route:
                - destination: {host: reviews}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            spec:
              ports: [{name: http, port: 9080}]
            '''
            """;
    private static final String POLICY = """
            writeFile file: 'ci/mesh-policy.yaml', text: '''\\
            rules:
            - name: http-route-timeout
              kinds: [VirtualService]
              expression: "!has(object.spec.http) || object.spec.http.all(r, has(r.timeout))"
              message: every HTTP route needs a timeout
              severity: %s
            '''
            """;

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private WorkflowRun run(Result expected, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "validate");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    public void aBrokenRuleFailsTheStepAndTheSarifFileHoldsTheFinding() throws Exception {
        WorkflowRun run = run(Result.FAILURE, "node {\n" + ROUTE + POLICY.formatted("error")
                + "meshValidate files: 'istio/*.yaml', policy: 'ci/mesh-policy.yaml'\n}");

        r.assertLogContains("istio/reviews.yaml:3: error MESH0007 VirtualService shop/reviews: [http-route-timeout] "
                + "every HTTP route needs a timeout", run);
        r.assertLogContains("recordIssues(tools: [sarif(pattern: 'mesh-validate.sarif')])", run);
        r.assertLogContains("meshValidate found problems at or above failOn: error", run);
        FilePath sarif = r.jenkins.getWorkspaceFor(run.getParent()).child("mesh-validate.sarif");
        JsonNode result = new ObjectMapper().readTree(sarif.readToString()).path("runs").get(0).path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("http-route-timeout");
        assertThat(result.path("level").asText()).isEqualTo("error");
        assertThat(result.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                .asText()).isEqualTo("istio/reviews.yaml");
    }

    @Test
    public void aWarningRuleIsReturnedAsAFindingAndTheBuildGoesOn() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, "node {\n" + ROUTE + POLICY.formatted("warning")
                + "def findings = meshValidate files: 'istio/*.yaml', policy: 'ci/mesh-policy.yaml', "
                + "sarifFile: 'reports/mesh.sarif'\n"
                + "echo \"found ${findings.collect { it.code + ' ' + it.rule }}\"\n}");

        r.assertLogContains("found [MESH0007 http-route-timeout]", run);
        assertThat(r.jenkins.getWorkspaceFor(run.getParent()).child("reports/mesh.sarif").exists()).isTrue();
    }

    @Test
    public void aRuleThatIsNotCelIsAnErrorNamingIt() throws Exception {
        WorkflowRun run = run(Result.FAILURE, "node {\n" + ROUTE
                + POLICY.formatted("error").replace("has(r.timeout))", "has(r.timeout)")
                + "meshValidate files: 'istio/*.yaml', policy: 'ci/mesh-policy.yaml'\n}");

        r.assertLogContains("ci/mesh-policy.yaml", run);
        r.assertLogContains("http-route-timeout", run);
        r.assertLogNotContains("\tat ", run);
    }

    @Test
    public void anAdmissionPolicyInTheFilesIsEnforcedWithoutAPolicyFile() throws Exception {
        WorkflowRun run = run(Result.FAILURE, "node {\n" + ROUTE + """
                writeFile file: 'istio/admission.yaml', text: '''\\
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: one-host}
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [networking.istio.io]
                      apiVersions: ["*"]
                      resources: [virtualservices]
                      operations: [CREATE, UPDATE]
                  validations:
                  - expression: "object.spec.http.all(r, r.name != 'primary')"
                    message: the route name primary is reserved
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: one-host}
                spec:
                  policyName: one-host
                  validationActions: [Deny]
                '''
                meshValidate files: 'istio/*.yaml'
                }
                """);

        r.assertLogContains("MESH0008", run);
        r.assertLogContains("the route name primary is reserved", run);
    }

    @Test
    public void aMissingPolicyFileIsNamed() throws Exception {
        WorkflowRun run = run(Result.FAILURE, "node {\n" + ROUTE
                + "meshValidate files: 'istio/*.yaml', policy: 'ci/missing.yaml'\n}");

        r.assertLogContains("The policy file \u201cci/missing.yaml\u201d is not in the workspace", run);
    }
}
