/* cmd_centrality.c - geograph centrality.  Not available in this build yet: it
 * prints its help, and otherwise says so and exits 2. */
#include <string.h>

#include "cli.h"

static int run(const cli_cmd *self, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_help(self);
	return cli_not_available(self, "issue [3/8]");
}

const cli_cmd cmd_centrality = {
	.name = "centrality",
	.summary = "rank actors by centrality and community",
	.help = "Usage: geograph centrality [OPTIONS] INPUT...\n"
		"\n"
		"Not available in this build of geograph yet.\n",
	.run = run,
};
