// SPDX-License-Identifier: Apache-2.0
package org.openitb.physiology;

/**
 * The model's differential equations integrated with tiny fixed RK4 steps: the independent
 * reference the closed form is checked against (tests only; production code never steps time).
 */
final class Reference {
  final double cl;
  final double v;
  final double k;
  final double kc;
  final double ke0;
  final double beta;
  final double f;
  final double kappa;
  double l;
  double c;
  double e;
  double a;

  Reference(Patient patient) {
    PatientParameters p = patient.parameters();
    double[] r = patient.rates();
    this.cl = p.clearance().value();
    this.v = p.volume().value();
    this.k = r[0];
    this.kc = r[1];
    this.ke0 = r[2];
    this.beta = r[3];
    this.f = p.cisternalFraction();
    this.kappa = p.adaptationPerConcentration();
    PatientState s = patient.state();
    this.l = s.tipRegion();
    this.c = s.cisternal();
    this.e = s.effectSite();
    this.a = s.adaptation();
  }

  private double[] deriv(double[] x, double rate) {
    return new double[] {
        rate / v - k * x[0],
        kc * (f * x[0] - x[1]),
        ke0 * (x[0] - x[2]),
        beta * (kappa * x[2] - x[3]),
    };
  }

  /** Integrates {@code hours} at {@code rate} µg/h with step {@code dt} hours. */
  void run(double hours, double rate, double dt) {
    double[] x = {l, c, e, a};
    int n = (int) Math.ceil(hours / dt);
    double h = hours / n;
    for (int i = 0; i < n; i++) {
      double[] k1 = deriv(x, rate);
      double[] k2 = deriv(add(x, k1, h / 2), rate);
      double[] k3 = deriv(add(x, k2, h / 2), rate);
      double[] k4 = deriv(add(x, k3, h), rate);
      for (int j = 0; j < 4; j++) {
        x[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
      }
    }
    l = x[0];
    c = x[1];
    e = x[2];
    a = x[3];
  }

  void bolus(double micrograms) {
    l += micrograms / v;
  }

  private static double[] add(double[] x, double[] d, double s) {
    double[] y = new double[4];
    for (int j = 0; j < 4; j++) {
      y[j] = x[j] + s * d[j];
    }
    return y;
  }
}
