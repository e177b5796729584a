/* cmd_export.c - geograph export.  Not available in this build yet: it
 * prints its help, and otherwise says so and exits 2. */
#include <string.h>

#include "cli.h"

static int run(const cli_cmd *self, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_help(self);
	return cli_not_available(self, "issue [4/8]");
}

const cli_cmd cmd_export = {
	.name = "export",
	.summary = "write the graph for Gephi, Cytoscape, NetworkX, Neo4j, spreadsheets",
	.help = "Usage: geograph export [OPTIONS] INPUT...\n"
		"\n"
		"Not available in this build of geograph yet.\n",
	.run = run,
};
