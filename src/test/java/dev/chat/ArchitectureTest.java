package dev.chat;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The floor plan: values at the ground, seams in the middle, rules above them, transports on top. A
 * package may use the floors below its own, never its own floor's neighbours or anything above.
 */
class ArchitectureTest {

    /** Bottom to top; packages on one floor are independent of each other. */
    private static final List<List<String>> FLOORS = List.of(
            List.of("message"),
            List.of("wire", "rules", "connections", "redis", "trace", "auth"),
            List.of("fanout", "hooks"),
            List.of("backplane"),
            List.of("presence", "typing", "budget", "unread"),
            List.of("room", "ops"),
            List.of("transport", "signin"));

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chat");

    @Test
    void noPackageDependsOnAnotherThatDependsBackOnIt() {
        slices().matching("dev.chat.(**)").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void everyPackageUsesOnlyTheFloorsBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> floor : FLOORS) {
            for (String layer : floor) {
                layers = layers.layer(layer).definedBy("dev.chat." + layer + "..");
            }
        }
        List<String> below = new ArrayList<>();
        for (List<String> floor : FLOORS) {
            for (String layer : floor) {
                layers = below.isEmpty() ? layers.whereLayer(layer).mayNotAccessAnyLayer()
                        : layers.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
            below.addAll(floor);
        }
        layers.check(PRODUCT);
    }

    @Test
    void everyProductClassLivesOnAFloor() {
        List<String> packages = FLOORS.stream().flatMap(List::stream).map(layer -> "dev.chat." + layer).toList();
        List<String> homeless = PRODUCT.stream()
                .map(type -> type.getPackageName())
                .filter(name -> packages.stream().noneMatch(floor -> name.equals(floor) || name.startsWith(floor + ".")))
                .distinct()
                .toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), homeless, "packages outside the floor plan");
    }

    /** What the product needs of Vert.x and Netty it reaches through their public methods, never a private field. */
    @Test
    void noProductClassOpensAPrivateMemberReflectively() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().callMethod(java.lang.reflect.AccessibleObject.class, "setAccessible", boolean.class)
                .orShould().callMethod(java.lang.reflect.Field.class, "setAccessible", boolean.class)
                .orShould().callMethod(java.lang.reflect.Method.class, "setAccessible", boolean.class)
                .check(PRODUCT);
    }
}
