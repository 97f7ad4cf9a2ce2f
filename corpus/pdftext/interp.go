package pdftext

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// This file is dossier's own content stream interpreter, a replacement for
// ledongthuc's Page.Content built on the library's tokenizer
// (pdf.Interpret) and object model. It differs in four ways:
//
//   - Font widths are read once per font and page, not once per glyph:
//     the library resolves the font's /Widths array for every glyph, which
//     decompresses its object stream again each time (seconds per page on
//     some files).
//   - Composite (Type0, Identity-H) fonts are decoded code by code with
//     their widths from the W array, so glyphs are positioned; simple fonts
//     are decoded byte by byte, so a ligature or a multi-rune mapping does
//     not shift the widths of the glyphs after it.
//   - Character spacing (Tc), word spacing (Tw, on the single-byte code 32)
//     and horizontal scaling move the pen as the PDF specification says.
//   - Form XObjects drawn with Do are interpreted, with their matrix and
//     resources, up to maxFormDepth deep and maxForms per page; the library
//     drops their text (ECF stamps and whole pages live in them). So are
//     the appearance streams of annotations (filled-in form fields,
//     stamps), placed at their rectangles.
//
// The interpreter stops with errTooManyGlyphs past maxGlyphs glyphs.

// Limits of the interpreter.
const (
	// maxFormDepth is how deeply form XObjects may nest.
	maxFormDepth = 8
	// maxForms is the number of form XObjects interpreted per page.
	maxForms = 500
)

// errTooManyGlyphs stops interpretation of a page with more than maxGlyphs
// glyphs.
var errTooManyGlyphs = errors.New("too many glyphs")

type mat [3][3]float64

var identity = mat{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x mat) mul(y mat) mat {
	var z mat
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

// fontInfo is what the interpreter needs of one font, read once.
type fontInfo struct {
	enc    pdf.TextEncoding
	name   string // base font without the subset prefix
	first  int
	widths []float64
	// twoByte is set for Type0 fonts with the Identity-H encoding: codes
	// are two bytes, widths come from cid.
	twoByte bool
	cid     map[int]float64
	dflt    float64
	// composite marks any other Type0 font: decoded as a whole string,
	// without widths (fixWidths repairs what it can).
	composite bool
}

// loadFont reads font f.
func loadFont(f pdf.Font) *fontInfo {
	fi := &fontInfo{}
	fi.name = f.BaseFont()
	if i := strings.Index(fi.name, "+"); i >= 0 {
		fi.name = fi.name[i+1:]
	}
	fi.enc = f.Encoder()
	if fi.enc == nil {
		fi.enc = plainEncoding{}
	}
	if f.V.Key("Subtype").Name() == "Type0" {
		if f.V.Key("Encoding").Name() != "Identity-H" {
			fi.composite = true
			return fi
		}
		fi.twoByte = true
		fi.cid = make(map[int]float64)
		fi.dflt = 1000
		desc := f.V.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			fi.dflt = dw.Float64()
		}
		w := desc.Key("W")
		count := 0
		for i := 0; i < w.Len() && count <= maxCIDWidths; {
			first := w.Index(i)
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && count <= maxCIDWidths; j++ {
					fi.cid[int(first.Int64())+j] = next.Index(j).Float64()
					count++
				}
				i += 2
				continue
			}
			last, width := next.Int64(), w.Index(i+2).Float64()
			for c := first.Int64(); c <= last && count <= maxCIDWidths; c++ {
				fi.cid[int(c)] = width
				count++
			}
			i += 3
		}
		return fi
	}
	fi.first = int(f.V.Key("FirstChar").Int64())
	ws := f.V.Key("Widths")
	n := min(ws.Len(), 256)
	fi.widths = make([]float64, n)
	for i := 0; i < n; i++ {
		fi.widths[i] = ws.Index(i).Float64()
	}
	return fi
}

// plainEncoding maps bytes to runes one to one (Latin-1), for fonts
// without an encoding the library understands.
type plainEncoding struct{}

func (plainEncoding) Decode(raw string) string {
	r := make([]rune, len(raw))
	for i := 0; i < len(raw); i++ {
		r[i] = rune(raw[i])
	}
	return string(r)
}

func (fi *fontInfo) width(code int) float64 {
	if fi.twoByte {
		if w, ok := fi.cid[code]; ok {
			return w
		}
		return fi.dflt
	}
	if i := code - fi.first; i >= 0 && i < len(fi.widths) {
		return fi.widths[i]
	}
	return 0
}

type gstate struct {
	Tc, Tw, Th, Tl, Tfs, Trise float64
	font                       *fontInfo
	Tm, Tlm, CTM               mat
}

// interp interprets one page's content stream and its form XObjects.
type interp struct {
	text  []pdf.Text
	forms int
	parts []string // scratch for show
}

// pageGlyphs returns the positioned glyphs of page p, in content stream
// order. It panics on malformed content (the caller recovers) and returns
// errTooManyGlyphs past maxGlyphs.
func pageGlyphs(p pdf.Page) (text []pdf.Text, err error) {
	in := &interp{}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && errors.Is(e, errTooManyGlyphs) {
				text, err = nil, errTooManyGlyphs
				return
			}
			panic(r)
		}
	}()
	strm := p.V.Key("Contents")
	if strm.Kind() == pdf.Null {
		return nil, nil
	}
	in.run(strm, p.Resources(), gstate{Th: 1, CTM: identity}, 0)
	in.annotations(p)
	return in.text, nil
}

// maxAnnots is the number of annotations per page whose appearance is
// read.
const maxAnnots = 500

// annotations interprets the normal appearance streams of the page's
// annotations (filled-in form fields, stamps, free text), placed at their
// rectangles, as viewers and pdftotext show them. Hidden annotations and
// popups are left out.
func (in *interp) annotations(p pdf.Page) {
	annots := p.V.Key("Annots")
	for i := 0; i < min(annots.Len(), maxAnnots); i++ {
		a := annots.Index(i)
		if a.Key("F").Int64()&2 != 0 || a.Key("Subtype").Name() == "Popup" {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict { // one appearance per state
			ap = ap.Key(a.Key("AS").Name())
		}
		if ap.Kind() != pdf.Stream || in.forms >= maxForms {
			continue
		}
		rect := a.Key("Rect")
		if rect.Len() != 4 {
			continue
		}
		x, y := min(rect.Index(0).Float64(), rect.Index(2).Float64()), min(rect.Index(1).Float64(), rect.Index(3).Float64())
		var bx, by float64
		if bbox := ap.Key("BBox"); bbox.Len() == 4 {
			bx, by = bbox.Index(0).Float64(), bbox.Index(1).Float64()
		}
		in.forms++
		g := gstate{Th: 1, CTM: mat{{1, 0, 0}, {0, 1, 0}, {x - bx, y - by, 1}}}
		res := ap.Key("Resources")
		if res.Kind() != pdf.Dict {
			res = p.Resources()
		}
		in.run(ap, res, g, 1)
	}
}

// run interprets stream strm with resources res, starting in state g.
func (in *interp) run(strm, res pdf.Value, g gstate, depth int) {
	var stack []gstate
	var args []pdf.Value
	fonts := make(map[string]*fontInfo) // by resource name, for res
	font := func(name string) *fontInfo {
		if fi, ok := fonts[name]; ok {
			return fi
		}
		fi := loadFont(pdf.Font{V: res.Key("Font").Key(name)})
		fonts[name] = fi
		return fi
	}
	show := func(s string) {
		fi := g.font
		if fi == nil {
			fi = &fontInfo{enc: plainEncoding{}}
			g.font = fi
		}
		emit := func(ch string, w0 float64, wordSpace bool) {
			trm := mat{{g.Tfs * g.Th, 0, 0}, {0, g.Tfs, 0}, {0, g.Trise, 1}}.mul(g.Tm).mul(g.CTM)
			if len(in.text) >= maxGlyphs {
				panic(errTooManyGlyphs)
			}
			in.text = append(in.text, pdf.Text{Font: fi.name, FontSize: trm[0][0], X: trm[2][0], Y: trm[2][1], W: w0 / 1000 * trm[0][0], S: ch})
			tx := w0/1000*g.Tfs + g.Tc
			if wordSpace {
				tx += g.Tw
			}
			tx *= g.Th
			g.Tm = mat{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(g.Tm)
		}
		switch {
		case fi.composite:
			for _, ch := range fi.enc.Decode(s) {
				emit(string(ch), 0, false)
			}
		case fi.twoByte:
			for i := 0; i+1 < len(s); i += 2 {
				emit(fi.enc.Decode(s[i:i+2]), fi.width(int(s[i])<<8|int(s[i+1])), false)
			}
		default:
			// One code per byte, decoded alone so that a code mapped to
			// several runes (a ligature) keeps the widths of the codes
			// after it aligned. A ToUnicode map with two-byte codes in a
			// simple font (seen in the corpus) fails that way: decode the
			// whole string then, as the library does.
			parts := in.parts[:0]
			for i := 0; i < len(s); i++ {
				d := fi.enc.Decode(s[i : i+1])
				if d == "" || strings.ContainsRune(d, utf8.RuneError) {
					parts = nil
					break
				}
				parts = append(parts, d)
			}
			if parts != nil {
				in.parts = parts
				for i, d := range parts {
					emit(d, fi.width(int(s[i])), s[i] == ' ')
				}
				break
			}
			dec := []rune(fi.enc.Decode(s))
			for i, ch := range dec {
				w := 0.0
				if len(dec) == len(s) {
					w = fi.width(int(s[i]))
				}
				emit(string(ch), w, len(dec) == len(s) && s[i] == ' ')
			}
		}
	}
	num := func(i int) float64 { return args[i].Float64() }
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		if cap(args) < n {
			args = make([]pdf.Value, n)
		}
		args = args[:n]
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "cm":
			if n == 6 {
				var m mat
				for i := 0; i < 6; i++ {
					m[i/2][i%2] = num(i)
				}
				m[2][2] = 1
				g.CTM = m.mul(g.CTM)
			}
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "BT":
			g.Tm, g.Tlm = identity, identity
		case "T*":
			g.Tlm = mat{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tc":
			if n == 1 {
				g.Tc = num(0)
			}
		case "Tw":
			if n == 1 {
				g.Tw = num(0)
			}
		case "Tz":
			if n == 1 {
				g.Th = num(0) / 100
			}
		case "TL":
			if n == 1 {
				g.Tl = num(0)
			}
		case "Ts":
			if n == 1 {
				g.Trise = num(0)
			}
		case "TD", "Td":
			if n == 2 {
				if op == "TD" {
					g.Tl = -num(1)
				}
				g.Tlm = mat{{1, 0, 0}, {0, 1, 0}, {num(0), num(1), 1}}.mul(g.Tlm)
				g.Tm = g.Tlm
			}
		case "Tm":
			if n == 6 {
				var m mat
				for i := 0; i < 6; i++ {
					m[i/2][i%2] = num(i)
				}
				m[2][2] = 1
				g.Tm, g.Tlm = m, m
			}
		case "Tf":
			if n == 2 {
				g.font = font(args[0].Name())
				g.Tfs = num(1)
			}
		case "\"", "'", "Tj":
			if op == "\"" {
				if n != 3 {
					return
				}
				g.Tw, g.Tc = num(0), num(1)
				args = args[2:]
			}
			if len(args) != 1 {
				return
			}
			if op != "Tj" {
				g.Tlm = mat{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
				g.Tm = g.Tlm
			}
			show(args[0].RawString())
		case "TJ":
			if n != 1 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					tx := -x.Float64() / 1000 * g.Tfs * g.Th
					g.Tm = mat{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(g.Tm)
				}
			}
		case "Do":
			if n != 1 || depth >= maxFormDepth || in.forms >= maxForms {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
				return
			}
			in.forms++
			fg := g
			if m := xo.Key("Matrix"); m.Len() == 6 {
				var fm mat
				for i := 0; i < 6; i++ {
					fm[i/2][i%2] = m.Index(i).Float64()
				}
				fm[2][2] = 1
				fg.CTM = fm.mul(g.CTM)
			}
			fres := xo.Key("Resources")
			if fres.Kind() != pdf.Dict {
				fres = res
			}
			in.run(xo, fres, fg, depth+1)
		}
	})
}
