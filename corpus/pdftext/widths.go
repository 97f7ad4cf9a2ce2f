package pdftext

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// maxCIDWidths bounds the number of widths read from one composite font's
// W array; larger (CJK) fonts are left without widths.
const maxCIDWidths = 4096

// cidWidths maps a composite font's name to the widths (in 1/1000 of the
// font size) of the characters it draws. ledongthuc's Content reports zero
// width for every glyph of a composite (Type0) font and does not advance
// the pen within a string; fixWidths uses these tables to repair that.
type cidWidths map[string]*fontWidths

// fontWidths holds one composite font's widths by decoded character.
type fontWidths struct {
	byChar map[string]float64
	dflt   float64 // the font's DW, for characters not in byChar
}

// compositeWidths collects the widths of the page's Type0 fonts with the
// Identity-H encoding (two-byte codes equal to CIDs), the kind office
// software embeds. Fonts are keyed by base font name without the subset
// prefix, as in pdf.Text.Font.
func compositeWidths(p pdf.Page) cidWidths {
	out := make(cidWidths)
	for _, name := range p.Fonts() {
		if key, fw := fontWidthsOf(p.Font(name)); fw != nil {
			if _, seen := out[key]; !seen {
				out[key] = fw
			}
		}
	}
	return out
}

// fontWidthsOf returns the width table of f and its key, or nil when f is
// not a Type0 font with the Identity-H encoding, its W array is too large,
// or reading it panics.
func fontWidthsOf(f pdf.Font) (key string, fw *fontWidths) {
	defer func() {
		if recover() != nil {
			key, fw = "", nil
		}
	}()
	if f.V.Key("Subtype").Name() != "Type0" || f.V.Key("Encoding").Name() != "Identity-H" {
		return "", nil
	}
	key = f.BaseFont()
	if i := strings.Index(key, "+"); i >= 0 {
		key = key[i+1:]
	}
	desc := f.V.Key("DescendantFonts").Index(0)
	fw = &fontWidths{byChar: make(map[string]float64), dflt: 1000}
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		fw.dflt = dw.Float64()
	}
	enc := f.Encoder()
	count := 0
	add := func(cid int64, w float64) {
		count++
		if cid < 0 || cid > 0xffff || count > maxCIDWidths {
			return
		}
		s := enc.Decode(string([]byte{byte(cid >> 8), byte(cid)}))
		if s == "" || s == "\ufffd" {
			return
		}
		// Content reports one glyph per decoded rune; a ligature's
		// width goes to its first rune.
		r, _ := utf8.DecodeRuneInString(s)
		k := string(r)
		if _, ok := fw.byChar[k]; !ok {
			fw.byChar[k] = w
		}
	}
	w := desc.Key("W")
	for i := 0; i < w.Len() && count <= maxCIDWidths; {
		first := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len(); j++ {
				add(first.Int64()+int64(j), next.Index(j).Float64())
			}
			i += 2
			continue
		}
		last, width := next.Int64(), w.Index(i+2).Float64()
		for c := first.Int64(); c <= last && count <= maxCIDWidths; c++ {
			add(c, width)
		}
		i += 3
	}
	if count > maxCIDWidths {
		return "", nil
	}
	return key, fw
}

// fixWidths gives zero-width glyphs of the fonts in ws their width and
// moves them right by the widths of the glyphs before them in the same
// string, which ledongthuc left out. Consecutive zero-width glyphs of one
// font on one baseline (within a tenth of the font size) whose x moves by
// less than half the font size (TJ kerning and character spacing) are
// taken to be one string, unless x moved by about the previous glyph's
// width: then the producer placed the glyph itself and no shift is added.
func fixWidths(texts []pdf.Text, ws cidWidths) {
	if len(ws) == 0 {
		return
	}
	var shift, rawX, prevW float64
	inRun := false
	prevFont := ""
	prevY := math.NaN()
	for i := range texts {
		t := &texts[i]
		fw := ws[t.Font]
		if t.W != 0 || fw == nil || t.S == "\n" {
			inRun = false
			continue
		}
		w, ok := fw.byChar[t.S]
		if !ok {
			w = fw.dflt
		}
		w *= t.FontSize / 1000
		dx := t.X - rawX
		switch {
		case !inRun || t.Font != prevFont || math.Abs(t.Y-prevY) >= 0.1*math.Abs(t.FontSize) ||
			math.Abs(dx) >= 0.5*math.Abs(t.FontSize):
			shift = 0 // a new string, placed by the content stream
		case math.Abs(dx-prevW) < 0.2*prevW+0.02*math.Abs(t.FontSize):
			// The pen already moved by the previous glyph's width: the
			// producer placed each glyph itself (TJ offsets or Td), so
			// nothing is missing. Keep the shift of the run so far.
		default:
			shift += prevW
		}
		inRun, prevFont, prevY, rawX, prevW = true, t.Font, t.Y, t.X, w
		t.X += shift
		t.W = w
	}
}
