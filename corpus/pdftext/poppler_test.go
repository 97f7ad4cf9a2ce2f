package pdftext

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func needPdftotext(t testing.TB) {
	t.Helper()
	if PdftotextPath() == "" {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
}

func TestPdftotext(t *testing.T) {
	needPdftotext(t)
	ctx := context.Background()
	complaint := readFixture(t, sampleDir, "harbor-light-complaint.pdf")
	t.Run("pages", func(t *testing.T) {
		res, err := Pdftotext(ctx, "", complaint, 0, 0, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 3 || res.Truncated {
			t.Fatalf("%d pages, truncated %v", len(res.Pages), res.Truncated)
		}
		if !strings.Contains(res.Pages[1], "Page 2 of 3") {
			t.Errorf("page 2 lacks its stamp: %q", res.Pages[1])
		}
	})
	t.Run("range", func(t *testing.T) {
		res, err := Pdftotext(ctx, "", complaint, 2, 3, 0, 0)
		if err != nil || len(res.Pages) != 2 || !strings.Contains(res.Pages[0], "Page 2 of 3") {
			t.Fatalf("pages %d, %v", len(res.Pages), err)
		}
	})
	t.Run("output cap", func(t *testing.T) {
		res, err := Pdftotext(ctx, "", complaint, 0, 0, 0, 100)
		if err != nil || !res.Truncated || len(strings.Join(res.Pages, "")) > 100 {
			t.Fatalf("truncated %v, %d bytes, %v", res.Truncated, len(strings.Join(res.Pages, "")), err)
		}
	})
	t.Run("empty user password that the library cannot decrypt", func(t *testing.T) {
		res, err := Pdftotext(ctx, "", protected(t, ""), 0, 0, 0, 0)
		if err != nil || len(res.Pages) != 1 || !strings.Contains(res.Pages[0], "Sealed exhibit text") {
			t.Fatalf("%q, %v", res.Pages, err)
		}
	})
	t.Run("pdf 2.0 header and junk before it", func(t *testing.T) {
		data := append([]byte("JUNK JUNK\n"), withHeader(complaint, "%PDF-2.0")...)
		res, err := Pdftotext(ctx, "", data, 1, 1, 0, 0)
		if err != nil || len(res.Pages) != 1 || !strings.Contains(res.Pages[0], "HARBOR LIGHT") {
			t.Fatalf("%d pages, %v", len(res.Pages), err)
		}
	})
	t.Run("user password", func(t *testing.T) {
		_, err := Pdftotext(ctx, "", protected(t, "secret"), 0, 0, 0, 0)
		if !errors.Is(err, ErrPdftotext) {
			t.Fatalf("error %v, want ErrPdftotext", err)
		}
	})
	t.Run("missing program", func(t *testing.T) {
		_, err := Pdftotext(ctx, "/nonexistent/pdftotext", complaint, 0, 0, 0, 0)
		if !errors.Is(err, ErrPdftotext) {
			t.Fatalf("error %v, want ErrPdftotext", err)
		}
	})
}

func BenchmarkPdftotext(b *testing.B) {
	needPdftotext(b)
	data := readFixture(b, sampleDir, "harbor-light-complaint.pdf")
	for b.Loop() {
		if _, err := Pdftotext(context.Background(), "", data, 0, 0, 0, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLimitedCommand(t *testing.T) {
	if _, err := exec.LookPath("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	out, err := LimitedCommand(context.Background(), 64<<20, "/bin/sh", "-c", "ulimit -v; echo \"$@\"", "x", "a b", "c").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); got != "65536\na b c\n" {
		t.Errorf("output %q, want the 64 MiB limit in KiB and the arguments", got)
	}
	// An ordinary file reads fine under pdftotext's limit.
	needPdftotext(t)
	small := minimalPDF("BT /F1 12 Tf 72 700 Td (ok) Tj ET")
	if _, err := Pdftotext(context.Background(), "", small, 0, 0, 0, 0); err != nil {
		t.Errorf("a small file failed under the memory limit: %v", err)
	}
}
