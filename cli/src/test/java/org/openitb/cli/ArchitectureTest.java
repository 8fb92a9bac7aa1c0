// SPDX-License-Identifier: Apache-2.0
package org.openitb.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md section 2, checked on the compiled classes of every module on
 * this module's classpath (the cli sees them all). Maven enforces the module arrows; these rules
 * keep them true even if someone adds a dependency to a pom.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importAll() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.openitb");
  }

  @Test
  void therapyDependsOnNothingButTheJdk() {
    noClasses().that().resideInAPackage("org.openitb.therapy..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.openitb.therapy..", "java..")
        .check(classes);
  }

  @Test
  void firmwareNeverSeesHardwareProgrammerClinicOrSimulator() {
    noClasses().that().resideInAPackage("org.openitb.firmware..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.hardware..", "org.openitb.programmer..",
            "org.openitb.clinic..", "org.openitb.simulator..", "org.openitb.cli..")
        .check(classes);
  }

  @Test
  void theHalKnowsNothingOfTheFirmwareAboveIt() {
    noClasses().that().resideInAPackage("org.openitb.firmware.hal..")
        .should().dependOnClassesThat(resideInFirmwareOutsideTheHal())
        .check(classes);
  }

  @Test
  void hardwareIsReachedOnlyThroughTheHal() {
    noClasses().that().resideInAPackage("org.openitb.hardware..")
        .should().dependOnClassesThat(resideInFirmwareOutsideTheHal())
        .check(classes);
  }

  /** A firmware class that is not part of its HAL. */
  private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> resideInFirmwareOutsideTheHal() {
    return com.tngtech.archunit.base.DescribedPredicate.describe("reside in the firmware outside its HAL",
        c -> c.getPackageName().startsWith("org.openitb.firmware") && !c.getPackageName().startsWith("org.openitb.firmware.hal"));
  }

  // The firmware's parts (DESIGN.md section 5). The root package org.openitb.firmware holds the public
  // face (Firmware, its commands, results, events, log entries and status) and the core that runs the
  // parts (PumpRuntime, Boot, CommandProcessor, TherapyLimits). The arrows point one way:
  //   engine, alarms  <-  power  <-  storage  <-  root core  ->  telemetry (through its PumpPort)
  // A part may use the root's vocabulary (the public records and enums every part speaks) but never
  // the root's core or facade, so none of them can reach into the running pump's RAM state.

  private static final String[] ROOT_CORE = {
      "org.openitb.firmware.Firmware", "org.openitb.firmware.PumpRuntime", "org.openitb.firmware.Boot",
      "org.openitb.firmware.CommandProcessor", "org.openitb.firmware.TherapyLimits", "org.openitb.firmware.Refusal",
      "org.openitb.firmware.TelemetryPort"};

  private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> rootCore() {
    java.util.Set<String> core = java.util.Set.of(ROOT_CORE);
    return com.tngtech.archunit.base.DescribedPredicate.describe("are the firmware's core or facade",
        c -> core.contains(c.getName()) || core.stream().anyMatch(n -> c.getName().startsWith(n + "$")));
  }

  @Test
  void theFirmwarePartsNeverReachIntoTheCore() {
    noClasses().that().resideInAnyPackage("org.openitb.firmware.engine..", "org.openitb.firmware.alarms..",
            "org.openitb.firmware.power..", "org.openitb.firmware.storage..", "org.openitb.firmware.telemetry..")
        .should().dependOnClassesThat(rootCore())
        .check(classes);
  }

  @Test
  void theFirmwarePartsDependOnlyDownward() {
    noClasses().that().resideInAPackage("org.openitb.firmware.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.firmware.alarms..", "org.openitb.firmware.power..",
            "org.openitb.firmware.storage..", "org.openitb.firmware.telemetry..")
        .check(classes);
    noClasses().that().resideInAPackage("org.openitb.firmware.alarms..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.firmware.engine..", "org.openitb.firmware.power..",
            "org.openitb.firmware.storage..", "org.openitb.firmware.telemetry..")
        .check(classes);
    noClasses().that().resideInAPackage("org.openitb.firmware.power..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.firmware.alarms..", "org.openitb.firmware.storage..",
            "org.openitb.firmware.telemetry..")
        .check(classes);
    noClasses().that().resideInAPackage("org.openitb.firmware.storage..")
        .should().dependOnClassesThat().resideInAPackage("org.openitb.firmware.telemetry..")
        .check(classes);
    // only the facade builds the telemetry handler; nothing else in the firmware knows the telemetry side
    noClasses().that().resideInAPackage("org.openitb.firmware..").and().resideOutsideOfPackage("org.openitb.firmware.telemetry..")
        .and().doNotHaveFullyQualifiedName("org.openitb.firmware.Firmware")
        .and().doNotHaveFullyQualifiedName("org.openitb.firmware.TelemetryPort")
        .should().dependOnClassesThat().resideInAPackage("org.openitb.firmware.telemetry..")
        .check(classes);
  }

  @Test
  void linkKnowsOnlyTherapyNeverThePumpOrItsUsers() {
    noClasses().that().resideInAPackage("org.openitb.link..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.firmware..", "org.openitb.hardware..",
            "org.openitb.simulator..", "org.openitb.programmer..", "org.openitb.clinic..", "org.openitb.cli..")
        .check(classes);
  }

  @Test
  void programmersReachPumpsOnlyThroughTheLink() {
    noClasses().that().resideInAPackage("org.openitb.programmer..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.firmware..", "org.openitb.hardware..",
            "org.openitb.simulator..", "org.openitb.clinic..", "org.openitb.cli..")
        .check(classes);
  }

  @Test
  void theClinicNeverSeesThePumpsInsides() {
    noClasses().that().resideInAPackage("org.openitb.clinic..")
        .should().dependOnClassesThat().resideInAnyPackage("org.openitb.firmware..", "org.openitb.hardware..",
            "org.openitb.simulator..", "org.openitb.cli..")
        .check(classes);
  }

  @Test
  void physiologyKnowsOnlyTherapyAndThePumpNeverKnowsThePatient() {
    noClasses().that().resideInAPackage("org.openitb.physiology..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.openitb.physiology..", "org.openitb.therapy..", "java..")
        .check(classes);
    noClasses().that().resideInAnyPackage("org.openitb.hardware..", "org.openitb.firmware..", "org.openitb.link..",
            "org.openitb.therapy..")
        .should().dependOnClassesThat().resideInAPackage("org.openitb.physiology..")
        .check(classes);
  }

  @Test
  void therapyAndFirmwareUseNoFloatingPoint() {
    noClasses().that().resideInAnyPackage("org.openitb.therapy..", "org.openitb.firmware..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Double")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Float")
        .check(classes);
    for (Class<?> primitive : new Class<?>[] {double.class, float.class}) {
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields().that().areDeclaredInClassesThat()
          .resideInAnyPackage("org.openitb.therapy..", "org.openitb.firmware..").should().haveRawType(primitive).check(classes);
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().that().areDeclaredInClassesThat()
          .resideInAnyPackage("org.openitb.therapy..", "org.openitb.firmware..").should().haveRawReturnType(primitive).check(classes);
    }
  }
}
