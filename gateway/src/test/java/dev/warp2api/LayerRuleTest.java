package dev.warp2api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layer rule of docs/ARCHITECTURE.md, checked on the product's classes (not the tests'): layers
 * only point down, only the commands that start the simulator import it, and no package depends on
 * itself through others.
 */
class LayerRuleTest {
  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // The generated protobuf classes (thousands) depend on the protobuf library only: nothing to
      // check.
      .withImportOption(location -> !location.contains("/dev/warp2api/warp/protocol/pb/"))
      .importPackages("dev.warp2api");

  /** The classes that start the simulator: the {@code sim} and {@code demo} commands' wiring. */
  private static final List<String> STARTS_THE_SIMULATOR = List.of(
      "dev.warp2api.cli.CommandBackends",
      "dev.warp2api.cli.DemoRunner",
      "dev.warp2api.cli.SimCommand");

  @Test
  void layersOnlyPointDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("cli")
        .definedBy("dev.warp2api.cli..")
        .layer("server")
        .definedBy("dev.warp2api.server..")
        .layer("admin")
        .definedBy("dev.warp2api.admin..")
        .layer("api")
        .definedBy("dev.warp2api.api..")
        .layer("usage")
        .definedBy("dev.warp2api.usage..")
        .layer("pipeline")
        .definedBy("dev.warp2api.pipeline..")
        .layer("pool")
        .definedBy("dev.warp2api.pool..")
        .layer("warp.client")
        .definedBy("dev.warp2api.warp.client..")
        .layer("warp.protocol")
        .definedBy("dev.warp2api.warp.protocol..")
        .layer("core")
        .definedBy("dev.warp2api.core..")
        .layer("config")
        .definedBy("dev.warp2api.config..")
        .layer("obs")
        .definedBy("dev.warp2api.obs..")
        .layer("sim")
        .definedBy("dev.warp2api.sim..")
        .whereLayer("server")
        .mayOnlyAccessLayers(
            "admin",
            "api",
            "usage",
            "pipeline",
            "pool",
            "warp.client",
            "warp.protocol",
            "core",
            "config",
            "obs")
        .whereLayer("admin")
        .mayOnlyAccessLayers(
            "pipeline", "pool", "warp.client", "warp.protocol", "core", "config", "obs")
        .whereLayer("api")
        .mayOnlyAccessLayers(
            "usage", "pipeline", "pool", "warp.client", "warp.protocol", "core", "config", "obs")
        .whereLayer("usage")
        .mayOnlyAccessLayers("pipeline", "pool", "core", "config", "obs")
        .whereLayer("pipeline")
        .mayOnlyAccessLayers("pool", "warp.client", "warp.protocol", "core", "config", "obs")
        .whereLayer("pool")
        .mayOnlyAccessLayers("warp.protocol", "core", "config", "obs")
        .whereLayer("warp.client")
        .mayOnlyAccessLayers("warp.protocol", "core", "config", "obs")
        .whereLayer("warp.protocol")
        .mayOnlyAccessLayers("core", "config", "obs")
        .whereLayer("obs")
        .mayOnlyAccessLayers("core", "config")
        .whereLayer("core")
        .mayNotAccessAnyLayer()
        .whereLayer("config")
        .mayNotAccessAnyLayer()
        .whereLayer("sim")
        .mayOnlyAccessLayers("warp.protocol", "core", "config", "obs")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .check(PRODUCT);
  }

  @Test
  void onlyTheCommandsThatStartTheSimulatorImportIt() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.warp2api.sim..")
        .and(DescribedPredicate.not(startsTheSimulator()))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.warp2api.sim..")
        .check(PRODUCT);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("dev.warp2api.(**)").should().beFreeOfCycles().check(PRODUCT);
  }

  private static DescribedPredicate<JavaClass> startsTheSimulator() {
    return DescribedPredicate.describe(
        "start the simulator (" + String.join(", ", STARTS_THE_SIMULATOR) + ")",
        c -> STARTS_THE_SIMULATOR.stream()
            .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
  }
}
