// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A minimal flowing-text PDF writer over PDFBox: pages of a given size, wrapped lines, bold headings. Text is set in
 * DejaVu Sans, a Unicode TrueType font embedded (as a subset) in every document, so names with accents and signs such
 * as µ and ≤ print as written (fonts/LICENSE-DejaVu.txt holds its licence).
 */
final class Pdf implements AutoCloseable {
  static final float MM = 72f / 25.4f;
  /** ISO/IEC 7810 ID-1, the wallet card size: 85.60 x 53.98 mm. */
  static final PDRectangle WALLET = new PDRectangle(85.60f * MM, 53.98f * MM);
  static final String REGULAR = "/fonts/DejaVuSans.ttf";
  static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";
  private final PDDocument doc = new PDDocument();
  private final PDFont regular;
  private final PDFont bold;
  private final PDRectangle size;
  private final float margin;
  private PDPageContentStream out;
  private float y;

  Pdf(PDRectangle size, float margin) {
    this.size = size;
    this.margin = margin;
    this.regular = font(REGULAR);
    this.bold = font(BOLD);
    newPage();
  }

  private PDFont font(String resource) {
    try (java.io.InputStream in = Pdf.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("font " + resource + " is missing from the clinic's classpath");
      }
      return PDType0Font.load(doc, in, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void newPage() {
    try {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(size);
      doc.addPage(page);
      out = new PDPageContentStream(doc, page);
      y = size.getHeight() - margin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Pdf heading(String text, float fontSize) {
    return write(text, fontSize, true);
  }

  Pdf text(String text, float fontSize) {
    return write(text, fontSize, false);
  }

  Pdf gap(float points) {
    y -= points;
    return this;
  }

  private Pdf write(String text, float fontSize, boolean bold) {
    PDFont font = bold ? this.bold : this.regular;
    float leading = fontSize * 1.2f;
    try {
      for (String line : wrap(printable(text, font), font, fontSize, size.getWidth() - 2 * margin)) {
        if (y - leading < margin / 2) {
          newPage();
        }
        y -= leading;
        out.beginText();
        out.setFont(font, fontSize);
        out.newLineAtOffset(margin, y);
        out.showText(line);
        out.endText();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  static List<String> wrap(String text, PDFont font, float fontSize, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = cur.isEmpty() ? word : cur + " " + word;
      if (font.getStringWidth(candidate) / 1000 * fontSize > width && !cur.isEmpty()) {
        lines.add(cur.toString());
        cur = new StringBuilder(word);
      } else {
        cur = new StringBuilder(candidate);
      }
    }
    lines.add(cur.toString());
    return lines;
  }

  /**
   * The text as it can be shown: control characters become spaces, and a character the font has no glyph for (rare
   * with DejaVu Sans) becomes U+FFFD rather than failing the whole document.
   */
  static String printable(String s, PDFont font) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(' ');
        return;
      }
      String c = new String(Character.toChars(cp));
      try {
        font.encode(c);
        out.append(c);
      } catch (IOException | IllegalArgumentException e) {
        out.append('\uFFFD');
      }
    });
    return out.toString();
  }

  byte[] bytes() {
    try {
      out.close();
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      doc.save(bos);
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      doc.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
