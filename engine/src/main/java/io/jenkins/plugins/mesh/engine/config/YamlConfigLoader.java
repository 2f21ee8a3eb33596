package io.jenkins.plugins.mesh.engine.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads Kubernetes YAML from files and folders (recursively, {@code .yaml}/{@code .yml}/{@code .json}),
 * multi-document files and {@code List} kinds, keeping the file and line of every object and field. Broken
 * input becomes a {@link LoadProblem}, never an exception.
 */
public final class YamlConfigLoader {

    private final String defaultNamespace;

    /** @param defaultNamespace the namespace of objects that name none (kubectl's {@code default}) */
    public YamlConfigLoader(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace == null || defaultNamespace.isEmpty() ? "default" : defaultNamespace;
    }

    /**
     * Reads every file under {@code paths}. A path that does not exist is an {@link IOException} (a usage
     * problem: the caller asked for something that is not there); problems inside files are in the result.
     */
    public LoadedConfig load(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IOException("no such file or folder: " + path + "; pass the files or folders that hold "
                        + "your Istio config");
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(YamlConfigLoader::isConfigFile).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        Accumulator into = new Accumulator();
        for (Path file : files) {
            try {
                readText(file.toString(), Files.readString(file, StandardCharsets.UTF_8), into);
            } catch (CharacterCodingException e) {
                into.problems.add(new LoadProblem(new SourceLocation(file.toString(), 0),
                        "the file is not UTF-8 text; save it as UTF-8"));
            }
        }
        return into.result();
    }

    /** Reads one YAML text as if it came from file {@code name}. */
    public LoadedConfig read(String name, String text) {
        return readAll(Map.of(name, text));
    }

    /**
     * Reads several YAML texts, each as if it came from the file its key names, in the map's order: what a caller
     * that has the files' contents but not the files (a Jenkins controller validating an agent's workspace) uses.
     */
    public LoadedConfig readAll(Map<String, String> textsByName) {
        Accumulator into = new Accumulator();
        textsByName.forEach((name, text) -> readText(name, text, into));
        return into.result();
    }

    private static boolean isConfigFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readText(String file, String content, Accumulator into) {
        // editors on Windows may start UTF-8 files with a byte order mark; YAML tools ignore it
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        Yaml yaml = new Yaml(new SafeConstructor(loaderOptions()));
        try (Reader reader = new java.io.StringReader(text)) {
            Iterator<Node> documents = yaml.composeAll(reader).iterator();
            while (documents.hasNext()) {
                Node node = documents.next();
                if (node != null) {
                    readDocument(file, node, into);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() == null ? "the YAML cannot be parsed" : e.getProblem();
            into.problems.add(new LoadProblem(new SourceLocation(file, line),
                    "invalid YAML: " + oneLine(problem) + "; fix the syntax (indentation, quotes, ':' after keys)"));
        } catch (NodeTree.DuplicateKeyException e) {
            into.problems.add(new LoadProblem(new SourceLocation(file, e.line()),
                    "invalid YAML: " + e.getMessage() + "; keep one of the two values"));
        } catch (YAMLException | IllegalStateException e) {
            into.problems.add(new LoadProblem(new SourceLocation(file, 0),
                    "invalid YAML: " + oneLine(String.valueOf(e.getMessage())) + "; fix the document"));
        } catch (IOException e) {
            into.problems.add(new LoadProblem(new SourceLocation(file, 0), "cannot read the text: " + e.getMessage()));
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(256 * 1024 * 1024);
        return options;
    }

    private void readDocument(String file, Node node, Accumulator into) {
        Object value = NodeTree.toValue(node);
        int line = node.getStartMark().getLine() + 1;
        if (value == null) {
            return; // an empty document, e.g. between two '---': kubectl skips it too
        }
        if (!(value instanceof Map<?, ?>)) {
            into.problems.add(new LoadProblem(new SourceLocation(file, line),
                    "the document is not a Kubernetes object (a mapping with apiVersion, kind and metadata)"));
            return;
        }
        readObject(file, line, YamlValues.map(value), into);
    }

    private void readObject(String file, int line, Map<String, Object> object, Accumulator into) {
        String kind = YamlValues.string(object.get("kind"));
        String apiVersion = YamlValues.string(object.get("apiVersion"));
        if (kind != null && kind.endsWith("List") && object.get("items") instanceof List<?>) {
            LocatedList items = object.get("items") instanceof LocatedList l ? l : null;
            List<Object> list = YamlValues.list(object.get("items"));
            for (int i = 0; i < list.size(); i++) {
                int itemLine = items == null ? line : items.lineOf(i);
                if (list.get(i) instanceof Map<?, ?>) {
                    readObject(file, itemLine, YamlValues.map(list.get(i)), into);
                } else {
                    into.problems.add(new LoadProblem(new SourceLocation(file, itemLine),
                            "item " + i + " of the List is not a Kubernetes object"));
                }
            }
            return;
        }
        if (kind == null || apiVersion == null) {
            into.problems.add(new LoadProblem(new SourceLocation(file, line),
                    "the document has no " + (apiVersion == null ? "apiVersion" : "kind")
                            + "; every Kubernetes object needs apiVersion and kind"));
            return;
        }
        Optional<MeshKind> meshKind = MeshKind.of(apiVersion, kind);
        if (meshKind.isEmpty()) {
            into.skipped++;
            return;
        }
        Map<String, Object> metadata = YamlValues.map(object.get("metadata"));
        String name = YamlValues.text(metadata.get("name"));
        if (name == null) {
            into.problems.add(new LoadProblem(new SourceLocation(file, line),
                    kind + " has no metadata.name; give the object a name"));
            return;
        }
        String namespace = meshKind.get().clusterScoped() ? "" : YamlValues.text(metadata.get("namespace"));
        into.resources.add(new MeshResource(meshKind.get(), apiVersion, namespace == null ? defaultNamespace : namespace,
                name, object, new SourceLocation(file, line)));
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static final class Accumulator {
        private final List<MeshResource> resources = new ArrayList<>();
        private final List<LoadProblem> problems = new ArrayList<>();
        private int skipped;

        LoadedConfig result() {
            return new LoadedConfig(resources, problems, skipped);
        }
    }
}
