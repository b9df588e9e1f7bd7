package dev.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/** Every property of every {@code @ConfigMapping} has its row in the README's configuration tables. */
class ConfigurationTableTest {

    @Test
    void everyPropertyTheServiceReadsIsInTheReadme() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(chat\\.[a-z0-9.-]+)`").matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        List<String> properties = properties();
        assertFalse(properties.isEmpty(), "the mappings were found");
        List<String> missing = new ArrayList<>(properties);
        missing.removeAll(documented);
        assertEquals(List.of(), missing, "properties without a row in the README's configuration tables");
    }

    private static List<String> properties() {
        List<String> properties = new ArrayList<>();
        for (JavaClass mapping : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.chat")) {
            if (mapping.isAnnotatedWith(ConfigMapping.class)) {
                Class<?> type = mapping.reflect();
                addProperties(type.getAnnotation(ConfigMapping.class).prefix(), type, properties);
            }
        }
        return properties;
    }

    private static void addProperties(String prefix, Class<?> type, List<String> properties) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                            : kebab(method.getName()));
            if (method.getReturnType().isInterface() && method.getReturnType().getPackageName().startsWith("dev.chat")) {
                addProperties(name, method.getReturnType(), properties);
            } else {
                properties.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
