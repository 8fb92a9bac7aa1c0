// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clinic's packages (DESIGN.md section 5), checked on its compiled main classes. The parts,
 * each using only those below it:
 *
 * <pre>
 *   org.openitb.clinic (ClinicServer, ClinicConfig, DemoClinic, Admin: the public face, wires the rest)
 *   api        the route table and every route, error answers, the OpenAPI document
 *   pump       programmer sessions to a patient's pump: workflows, dose change, pump links, co-signs
 *   reports    PDFs, charts, calendar feeds, the clinic's printed settings
 *   records    patients, implants, prescriptions, refills, trials, alarms, MRI, discrepancies, once-only writes
 *   planning   what is due next (refills, replacements, post-MRI checks) and the dashboard
 *   security   logins, sessions, passwords, one-time codes, throttling, the guard, headers, the audit log, second persons
 *   json       the API's JSON: request bodies, response shapes, refusals
 *   store      the database: pools and migrations, row values, unique violations
 * </pre>
 */
class ArchitectureTest {
  static final String CLINIC = "org.openitb.clinic";
  static JavaClasses classes;

  @BeforeAll
  static void importMain() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CLINIC);
  }

  static ArchRule noCycles() {
    return slices().matching(CLINIC + ".(*)..").should().beFreeOfCycles();
  }

  static ArchRule layers() {
    return layeredArchitecture().consideringOnlyDependenciesInAnyPackage(CLINIC + "..")
        .layer("Server").definedBy(CLINIC)
        .layer("Api").definedBy(CLINIC + ".api..")
        .layer("Pump").definedBy(CLINIC + ".pump..")
        .layer("Reports").definedBy(CLINIC + ".reports..")
        .layer("Records").definedBy(CLINIC + ".records..")
        .layer("Planning").definedBy(CLINIC + ".planning..")
        .layer("Security").definedBy(CLINIC + ".security..")
        .layer("Json").definedBy(CLINIC + ".json..")
        .layer("Store").definedBy(CLINIC + ".store..")
        .whereLayer("Server").mayNotBeAccessedByAnyLayer()
        .whereLayer("Api").mayOnlyBeAccessedByLayers("Server")
        .whereLayer("Pump").mayOnlyBeAccessedByLayers("Server", "Api")
        .whereLayer("Reports").mayOnlyBeAccessedByLayers("Server", "Api")
        .whereLayer("Records").mayOnlyBeAccessedByLayers("Server", "Api", "Pump", "Reports")
        .whereLayer("Planning").mayOnlyBeAccessedByLayers("Server", "Api", "Records")
        .whereLayer("Security").mayOnlyBeAccessedByLayers("Server", "Api", "Pump", "Reports", "Records")
        .whereLayer("Json").mayOnlyBeAccessedByLayers("Server", "Api", "Pump", "Reports", "Records", "Planning", "Security")
        .whereLayer("Store").mayOnlyBeAccessedByLayers("Server", "Api", "Pump", "Reports", "Records", "Planning", "Security", "Json");
  }

  static ArchRule securityAndStoreNeverSeeTheApi() {
    return noClasses().that().resideInAnyPackage(CLINIC + ".security..", CLINIC + ".store..")
        .should().dependOnClassesThat().resideInAPackage(CLINIC + ".api..");
  }

  /** Routes come from the route table alone, where each row names its roles (RouteRoleTest walks it). */
  static ArchRule routesOnlyFromTheApi() {
    return noClasses().that().resideOutsideOfPackage(CLINIC + ".api..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.javalin.config.RoutesConfig")
        .orShould().dependOnClassesThat().resideInAPackage("io.javalin.apibuilder..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(CLINIC + ".api.Api");
  }

  @Test
  void thePackagesHaveNoCycles() {
    noCycles().check(classes);
  }

  @Test
  void eachPartUsesOnlyThePartsBelowIt() {
    layers().check(classes);
  }

  @Test
  void securityAndTheStoreNeverSeeTheApi() {
    securityAndStoreNeverSeeTheApi().check(classes);
  }

  @Test
  void onlyTheApiRegistersRoutes() {
    routesOnlyFromTheApi().check(classes);
  }

  /** Each rule fails on a class that breaks it (security.ArchitectureFixtures, test code). */
  @Test
  void everyRuleFailsWhenBroken() throws ClassNotFoundException {
    Class<?> reachesIntoTheApi = Class.forName(CLINIC + ".security.ArchitectureFixtures$ReachesIntoTheApi");
    Class<?> registersARoute = Class.forName(CLINIC + ".security.ArchitectureFixtures$RegistersARoute");
    java.util.List<Class<?>> withFixtures = new java.util.ArrayList<>(classes.stream().map(c -> c.reflect()).toList());
    withFixtures.add(reachesIntoTheApi);
    withFixtures.add(registersARoute);
    JavaClasses broken = new ClassFileImporter().importClasses(withFixtures);
    assertThatThrownBy(() -> noCycles().check(broken)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
    assertThatThrownBy(() -> layers().check(broken)).isInstanceOf(AssertionError.class).hasMessageContaining("ReachesIntoTheApi");
    assertThatThrownBy(() -> securityAndStoreNeverSeeTheApi().check(broken)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("ReachesIntoTheApi");
    assertThatThrownBy(() -> routesOnlyFromTheApi().check(broken)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("RegistersARoute");
    // and the main classes alone pass every rule
    noCycles().check(classes);
    layers().check(classes);
    securityAndStoreNeverSeeTheApi().check(classes);
    routesOnlyFromTheApi().check(classes);
  }
}
