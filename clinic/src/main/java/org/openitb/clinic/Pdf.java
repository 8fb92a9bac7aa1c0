// SPDX-License-Identifier: Apache-2.0
package org.openitb.clinic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** A minimal flowing-text PDF writer over PDFBox: pages of a given size, wrapped lines, bold headings. */
final class Pdf implements AutoCloseable {
  static final float MM = 72f / 25.4f;
  /** ISO/IEC 7810 ID-1, the wallet card size: 85.60 x 53.98 mm. */
  static final PDRectangle WALLET = new PDRectangle(85.60f * MM, 53.98f * MM);
  static final PDFontPair FONTS = new PDFontPair(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
      new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
  private final PDDocument doc = new PDDocument();
  private final PDRectangle size;
  private final float margin;
  private PDPageContentStream out;
  private float y;

  record PDFontPair(PDType1Font regular, PDType1Font bold) {}

  Pdf(PDRectangle size, float margin) {
    this.size = size;
    this.margin = margin;
    newPage();
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
    PDType1Font font = bold ? FONTS.bold() : FONTS.regular();
    float leading = fontSize * 1.2f;
    try {
      for (String line : wrap(ascii(text), font, fontSize, size.getWidth() - 2 * margin)) {
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

  static List<String> wrap(String text, PDType1Font font, float fontSize, float width) throws IOException {
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

  /** Replaces characters the standard PDF fonts cannot show. */
  static String ascii(String s) {
    return s.replace("µ", "u").replace("≤", "<=").replace("≥", ">=").replace("–", "-").replace("—", "-").replace("→", "->")
        .replaceAll("[^\\x20-\\x7E]", "?");
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
