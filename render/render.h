/*
 * render.h - graph to pictures and files: DOT through cgraph, SVG/PNG/PDF
 * through gvc, and the export formats.
 */
#ifndef GEO_RENDER_H
#define GEO_RENDER_H

#include <stdio.h>

#include "geo.h"
#include "graph.h"

#endif
