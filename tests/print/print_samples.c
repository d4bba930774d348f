/* print_samples: the sample documents of the README, made by the real
 * renderers.
 *
 *   print_samples OUTDIR   writes OUTDIR/receipt.txt and receipt-58mm.txt
 *                          (the acceptance receipt's text layout, exactly as
 *                          the receipt printer lays it out) and
 *                          OUTDIR/certificate.png (the A4 certificate's PDF,
 *                          rasterised by pdftoppm -png -r 60)
 *   print_samples -        prints the previews of the sample documents
 *   print_samples -pdf DIR writes the sample documents as PDFs into DIR
 *
 * `ninja -C BUILD print-docs` runs it on docs/ of the source tree. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print-test.h"

static int write_text(const char *dir, const char *name, yz_doc *d, int columns)
{
	char *text = yz_doc_layout_text(d, columns);
	char *path = yz_strdup_printf("%s/%s", dir, name);
	int rc = text && path ? t_write(path, (unsigned char *)text, strlen(text)) : -1;
	free(text);
	free(path);
	return rc;
}

static int write_certificate(const char *dir)
{
	yz_doc *d = t_certificate_doc(T_RARE_NAME);
	unsigned char *pdf;
	size_t n;
	yz_err err = {{0}};
	if (yz_pdf_render(NULL, d, YZ_PAPER_A4, &pdf, &n, &err) != 0) {
		fprintf(stderr, "print_samples: %s\n", err.msg);
		yz_doc_free(d);
		return -1;
	}
	yz_doc_free(d);
	char *path = yz_strdup_printf("%s/certificate.pdf", dir);
	int rc = t_write(path, pdf, n);
	free(pdf);
	if (rc == 0) {
		char *cmd = yz_strdup_printf(
		    "pdftoppm -png -r 60 -singlefile '%s' '%s/certificate'", path, dir);
		rc = system(cmd) == 0 ? 0 : -1;
		free(cmd);
	}
	unlink(path);
	free(path);
	return rc;
}

static int write_pdf(const char *dir, const char *name, yz_doc *d, yz_paper paper)
{
	unsigned char *pdf;
	size_t n;
	yz_err err = {{0}};
	int rc = yz_pdf_render(NULL, d, paper, &pdf, &n, &err);
	yz_doc_free(d);
	if (rc != 0) {
		fprintf(stderr, "print_samples: %s\n", err.msg);
		return -1;
	}
	char *path = yz_strdup_printf("%s/%s", dir, name);
	rc = t_write(path, pdf, n);
	free(path);
	free(pdf);
	return rc;
}

static int write_pdfs(const char *dir)
{
	int rc = write_pdf(dir, "certificate.pdf", t_certificate_doc(T_RARE_NAME), YZ_PAPER_A4);
	rc |= write_pdf(dir, "household.pdf", t_household_doc(), YZ_PAPER_A4);
	rc |= write_pdf(dir, "ledger.pdf", t_ledger_doc(80), YZ_PAPER_A4);
	rc |= write_pdf(dir, "ledger-a5.pdf", t_ledger_doc(80), YZ_PAPER_A5);
	rc |= write_pdf(dir, "receipt.pdf", t_acceptance_doc(T_RARE_NAME), YZ_PAPER_A5);
	rc |= write_pdf(dir, "test-page.pdf", yz_doc_test_page("station", "a4", T_CREATED),
	                YZ_PAPER_A4);
	return rc;
}

static void show(yz_doc *d, int columns)
{
	char *text = yz_doc_layout_text(d, columns);
	printf("==== %s (%d columns)\n%s", d->title, columns, text ? text : "(out of memory)\n");
	free(text);
	yz_doc_free(d);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "-pdf") == 0 && setlocale(LC_ALL, "C.UTF-8"))
		return write_pdfs(argv[2]) != 0;
	if (argc != 2 || !setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "usage: print_samples OUTDIR|-\n");
		return 2;
	}
	if (strcmp(argv[1], "-") == 0) {
		show(t_acceptance_doc(T_RARE_NAME), 48);
		show(t_acceptance_doc(T_RARE_NAME), 32);
		show(t_household_doc(), 48);
		show(t_household_doc(), 32);
		show(t_ledger_doc(3), 48);
		show(yz_doc_test_page("station", "receipt", T_CREATED), 48);
		return 0;
	}
	yz_doc *d = t_acceptance_doc(T_RARE_NAME);
	int rc = write_text(argv[1], "receipt.txt", d, 48);
	rc |= write_text(argv[1], "receipt-58mm.txt", d, 32);
	yz_doc_free(d);
	rc |= write_certificate(argv[1]);
	if (rc != 0)
		fprintf(stderr, "print_samples: could not write the samples to %s\n", argv[1]);
	return rc != 0;
}
