package io.jenkins.plugins.mesh.engine.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;

/**
 * The CEL environment rules and admission policies are compiled in: the standard macros and the extension libraries
 * Kubernetes' CEL offers too (strings, lists, sets, math, regex, encoders, optional values), with the variables
 * {@code object}, {@code oldObject}, {@code namespaceObject}, {@code request}, {@code params} and {@code variables},
 * all dynamically typed like the YAML they come from. Comprehensions are bounded, and {@code lists.range} (which
 * would build any list a rule asks for) is left out, so that no rule runs away.
 */
final class CelEnvironment {

    /** The variables every expression may use. */
    static final List<String> VARIABLES = List.of("object", "oldObject", "namespaceObject", "request", "params",
            "variables");

    /** Iterations of one comprehension; no mesh object has lists that long. */
    private static final int MAX_ITERATIONS = 10_000;
    private static final int MAX_EXPRESSION_LENGTH = 10_000;

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    /** The environment, built once: compilers and runtimes are immutable and safe to share between threads. */
    private static final class Shared {
        static final CelEnvironment INSTANCE = new CelEnvironment();
    }

    /** The shared environment. */
    static CelEnvironment shared() {
        return Shared.INSTANCE;
    }

    private CelEnvironment() {
        CelOptions options = CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS)
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH).enableHeterogeneousNumericComparisons(true)
                .build();
        var lists = CelExtensions.lists(CelListsExtensions.Function.SLICE, CelListsExtensions.Function.FLATTEN,
                CelListsExtensions.Function.DISTINCT, CelListsExtensions.Function.REVERSE,
                CelListsExtensions.Function.SORT, CelListsExtensions.Function.SORT_BY);
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(options), lists,
                        CelExtensions.sets(options), CelExtensions.regex(), CelExtensions.encoders(options),
                        CelExtensions.optional());
        for (String variable : VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        compiler = builder.build();
        runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(options), lists,
                        CelExtensions.sets(options), CelExtensions.regex(), CelExtensions.encoders(options),
                        CelExtensions.optional())
                .build();
    }

    /**
     * Compiles {@code expression}; {@code what} names it in the error ("rule http-timeout expression").
     *
     * @throws PolicyException with the CEL error and its position when it does not parse or type-check
     */
    Expression compile(String what, String expression) throws PolicyException {
        if (expression == null || expression.isBlank()) {
            throw new PolicyException(what + " is empty; write a CEL expression, e.g. has(object.spec.hosts)");
        }
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            return new Expression(expression, runtime.createProgram(ast));
        } catch (CelValidationException e) {
            throw new PolicyException(what + " is not valid CEL: " + e.getMessage().replace("<input>", "expression"));
        } catch (CelEvaluationException | RuntimeException e) {
            throw new PolicyException(what + " cannot be compiled: " + e.getMessage());
        }
    }

    /**
     * The message of a failed check: {@code messageExpression}'s string when it gives one (Kubernetes falls back when
     * it fails), else {@code message}, else the failed expression.
     */
    static String message(Expression messageExpression, String message, Expression failed, Map<String, ?> inputs) {
        if (messageExpression != null) {
            try {
                if (messageExpression.evaluate(inputs) instanceof String text && !text.isBlank()) {
                    return text;
                }
            } catch (IllegalStateException e) {
                // fall back to the static message
            }
        }
        return message != null ? message : "failed expression: " + failed.text();
    }

    /** A compiled expression. */
    record Expression(String text, CelRuntime.Program program) {

        /** The value of the expression over {@code inputs}; an error of CEL is an {@link IllegalStateException}. */
        Object evaluate(Map<String, ?> inputs) {
            try {
                return program.eval(inputs);
            } catch (CelEvaluationException e) {
                throw new IllegalStateException(String.valueOf(e.getMessage()).replace("<input>", "expression"), e);
            } catch (RuntimeException | StackOverflowError e) {
                // a value CEL cannot take, or a deeply nested expression: an error of this rule on this object
                throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }
}
