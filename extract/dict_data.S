/* dict_data.S - the built-in dictionary files, embedded as read-only data.
 * Each is followed by a NUL byte; the size excludes it. */
	.section .rodata
	.balign 16
	.global geo_dict_actors_data
	.type geo_dict_actors_data, @object
geo_dict_actors_data:
	.incbin "extract/dict/actors.txt"
1:
	.byte 0
	.balign 8
	.global geo_dict_actors_size
	.type geo_dict_actors_size, @object
geo_dict_actors_size:
	.quad 1b - geo_dict_actors_data

	.balign 16
	.global geo_dict_relations_data
	.type geo_dict_relations_data, @object
geo_dict_relations_data:
	.incbin "extract/dict/relations.txt"
2:
	.byte 0
	.balign 8
	.global geo_dict_relations_size
	.type geo_dict_relations_size, @object
geo_dict_relations_size:
	.quad 2b - geo_dict_relations_data

	.section .note.GNU-stack,"",@progbits
