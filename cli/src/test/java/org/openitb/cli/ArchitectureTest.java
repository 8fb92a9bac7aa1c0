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
        .should().dependOnClassesThat().resideInAPackage("org.openitb.firmware")
        .check(classes);
  }

  @Test
  void hardwareIsReachedOnlyThroughTheHal() {
    noClasses().that().resideInAPackage("org.openitb.hardware..")
        .should().dependOnClassesThat().resideInAPackage("org.openitb.firmware")
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
