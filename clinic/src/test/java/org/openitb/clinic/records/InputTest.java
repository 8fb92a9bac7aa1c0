// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openitb.clinic.json.ApiException;
import org.openitb.clinic.json.Body;
import org.openitb.clinic.security.Role;

/** Parsing of request bodies and weights: exact values, and refusals that name the field, value and range. */
class InputTest {
  @ParameterizedTest
  @CsvSource({"62.5 kg,62500", "3400 g,3400", "0.5 kg,500", "400 KG,400000", "70kg,70000"})
  void weightsAreExactGrams(String text, long grams) {
    assertThat(Weight.grams(text)).isEqualTo(grams);
  }

  @ParameterizedTest
  @ValueSource(strings = {"70", "0.4 kg", "401 kg", "62.5555 kg", "abc kg", "-3 kg", "70 lb"})
  void badWeightsAreRefusedWithTheRange(String text) {
    assertThatThrownBy(() -> Weight.grams(text)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status).isEqualTo(400);
      assertThat(e.field).isEqualTo("weight");
      assertThat(e.value).isEqualTo(text);
      assertThat(e.allowed).isEqualTo(Weight.ALLOWED);
    });
  }

  @Test
  void integersAreCheckedForTypeAndRange() {
    Body b = Body.parse("{\"a\": 5, \"b\": 5.5, \"c\": \"7\", \"d\": 99, \"e\": true}");
    assertThat(b.integer("a", 0, 10)).isEqualTo(5);
    assertThat(b.integer("c", 0, 10)).isEqualTo(7);
    for (String f : new String[] {"b", "d", "e", "missing"}) {
      assertThatThrownBy(() -> b.integer(f, 0, 10)).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.field).isEqualTo(f);
        assertThat(e.allowed).isEqualTo("0-10");
      });
    }
  }

  @Test
  void malformedBodiesNameTheProblem() {
    assertThatThrownBy(() -> Body.parse("{\"a\": ")).hasMessageContaining("malformed JSON at line 1");
    assertThatThrownBy(() -> Body.parse("")).hasMessageContaining("empty request body");
    assertThatThrownBy(() -> Body.parse("42")).hasMessageContaining("JSON object");
  }

  @Test
  void enumChoicesListWhatIsAllowed() {
    Body b = Body.parse("{\"role\": \"nurse\", \"bad\": \"janitor\"}");
    assertThat(b.choice("role", Role.class)).isEqualTo(Role.NURSE);
    assertThatThrownBy(() -> b.choice("bad", Role.class)).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.allowed).contains("CLINICIAN", "NURSE", "ADMINISTRATOR", "PATIENT"));
  }
}
