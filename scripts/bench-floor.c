/* The benchmark's floor: the same text set by plain Pango and cairo, with no layout logic of
 * ours. Paragraphs (separated by blank lines in TEXT) are justified in columns of the given
 * width, line after line on the leading, column after column, page after page, into one PDF.
 * `make bench` compiles it with `cc $(pkg-config --cflags --libs pangocairo)` and times it.
 *
 *   bench-floor TEXT OUT.pdf FONT SIZE LEADING PAGE_W PAGE_H MARGIN COLUMNS GUTTER
 *
 * Prints the number of pages to standard output.
 */
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 11) {
        fprintf(stderr, "usage: bench-floor TEXT OUT.pdf FONT SIZE LEADING PAGE_W PAGE_H MARGIN COLUMNS GUTTER\n");
        return 2;
    }
    double size = atof(argv[4]), leading = atof(argv[5]), page_w = atof(argv[6]), page_h = atof(argv[7]);
    double margin = atof(argv[8]), gutter = atof(argv[10]);
    int columns = atoi(argv[9]);
    double column_w = (page_w - 2 * margin - (columns - 1) * gutter) / columns;

    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(length + 1);
    if (fread(text, 1, length, f) != (size_t)length) { perror(argv[1]); return 1; }
    text[length] = 0;
    fclose(f);

    cairo_surface_t *surface = cairo_pdf_surface_create(argv[2], page_w, page_h);
    cairo_t *cr = cairo_create(surface);
    PangoFontMap *map = pango_cairo_font_map_get_default();
    PangoContext *context = pango_font_map_create_context(map);
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, options);
    PangoLayout *layout = pango_layout_new(context);
    PangoFontDescription *font = pango_font_description_from_string(argv[3]);
    pango_font_description_set_size(font, (int)(size * PANGO_SCALE));
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, (int)(column_w * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    pango_layout_set_justify(layout, TRUE);

    int pages = 1, column = 0;
    double y = margin;
    char *paragraph = text;
    while (paragraph && *paragraph) {
        char *end = strstr(paragraph, "\n\n");
        if (end) *end = 0;
        if (*paragraph && *paragraph != '\n') {
            pango_layout_set_text(layout, paragraph, -1);
            int lines = pango_layout_get_line_count(layout);
            for (int i = 0; i < lines; i++) {
                if (y + leading > page_h - margin) {
                    y = margin;
                    if (++column == columns) {
                        column = 0;
                        cairo_show_page(cr);
                        pages++;
                    }
                }
                y += leading;
                cairo_move_to(cr, margin + column * (column_w + gutter), y);
                pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout, i));
            }
        }
        paragraph = end ? end + 2 : NULL;
    }
    cairo_show_page(cr);
    g_object_unref(layout);
    g_object_unref(context);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "%s\n", cairo_status_to_string(cairo_surface_status(surface)));
        return 1;
    }
    cairo_surface_destroy(surface);
    printf("%d\n", pages);
    return 0;
}
