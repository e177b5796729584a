/* report_data.S - the HTML report's template, style sheet and script,
 * embedded as read-only data.  Each is followed by a NUL byte; the size
 * excludes it. */
	.section .rodata

	.balign 16
	.global geo_report_html_data
	.type geo_report_html_data, @object
geo_report_html_data:
	.incbin "render/report/report.html"
1:
	.byte 0
	.balign 8
	.global geo_report_html_size
	.type geo_report_html_size, @object
geo_report_html_size:
	.quad 1b - geo_report_html_data

	.balign 16
	.global geo_report_css_data
	.type geo_report_css_data, @object
geo_report_css_data:
	.incbin "render/report/report.css"
2:
	.byte 0
	.balign 8
	.global geo_report_css_size
	.type geo_report_css_size, @object
geo_report_css_size:
	.quad 2b - geo_report_css_data

	.balign 16
	.global geo_report_js_data
	.type geo_report_js_data, @object
geo_report_js_data:
	.incbin "render/report/report.js"
3:
	.byte 0
	.balign 8
	.global geo_report_js_size
	.type geo_report_js_size, @object
geo_report_js_size:
	.quad 3b - geo_report_js_data

	.section .note.GNU-stack,"",@progbits
