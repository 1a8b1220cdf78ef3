package io.github.unigrad.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package structure the README and CONTRIBUTING.md describe: every package of every module
 * has a {@code package-info.java}, and the library's packages import only downwards along
 * {@code spec → schedule → loss/optim → host → adapters → dl4j.keras} (Keras import, on top of the DL4J adapter).
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES =
            List.of("shared", "dl4j-plugin", "tribuo-plugin", "comparison", "integration-tests", "spark-tests");
    /** The library's layers: a package may import the packages of a lower layer, never of its own or a higher one. */
    private static final Map<String, Integer> LAYER = Map.of("spec", 1, "schedule", 2, "loss", 3, "optim", 3,
            "host", 4, "dl4j", 5, "tribuo", 5, "keras", 6);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.github\\.unigrad\\.(\\w+)\\.", Pattern.MULTILINE);

    private static List<Path> javaDirectories(String module) {
        List<Path> dirs = new ArrayList<>();
        for (String set : List.of("main", "test")) {
            Path src = ROOT.resolve(module).resolve("src").resolve(set).resolve("java");
            if (Files.isDirectory(src)) {
                try (Stream<Path> files = Files.walk(src)) {
                    files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct().forEach(dirs::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return dirs;
    }

    /** The package of a source directory, e.g. {@code io.github.unigrad.optim}. */
    private static String packageOf(Path dir) {
        String s = dir.toString().replace('\\', '/');
        return s.substring(s.indexOf("/java/") + 6).replace('/', '.');
    }

    @Test
    void everyPackageOfEveryModuleHasItsPackageInfo() {
        List<String> main = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        for (String module : MODULES) {
            for (Path dir : javaDirectories(module)) {
                packages.add(module + ": " + packageOf(dir));
                if (dir.toString().replace('\\', '/').contains("/src/main/")) {
                    main.add(packageOf(dir));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String module : MODULES) {
            for (Path dir : javaDirectories(module)) {
                boolean testMirrorOfAMainPackage = dir.toString().replace('\\', '/').contains("/src/test/")
                        && main.contains(packageOf(dir));
                if (!testMirrorOfAMainPackage && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(module + ": " + packageOf(dir));
                }
            }
        }
        assertThat(packages).as("packages found").hasSizeGreaterThan(10);
        assertThat(missing).as("packages without a package-info.java saying their role and what they may depend on")
                .isEmpty();
    }

    @Test
    void theLibrarysPackagesImportOnlyDownwards() throws IOException {
        List<String> upward = new ArrayList<>();
        for (String module : List.of("shared", "dl4j-plugin", "tribuo-plugin")) {
            Path src = ROOT.resolve(module).resolve("src/main/java/io/github/unigrad");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String from = f.getParent().getFileName().toString();
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        String to = m.group(1);
                        if (!to.equals(from) && LAYER.get(to) >= LAYER.get(from)) {
                            upward.add(src.relativize(f) + " imports " + to + " (layer " + LAYER.get(to)
                                    + ") from layer " + LAYER.get(from));
                        }
                    }
                }
            }
        }
        assertThat(upward).as("imports against spec → schedule → loss/optim → host → adapters").isEmpty();
    }
}
