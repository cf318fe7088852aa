package html

import "github.com/gorsc/gorsc"

// A is the <a> element.
func A(nodes ...gorsc.Node) gorsc.Node { return El("a", nodes...) }

// Abbr is the <abbr> element.
func Abbr(nodes ...gorsc.Node) gorsc.Node { return El("abbr", nodes...) }

// Article is the <article> element.
func Article(nodes ...gorsc.Node) gorsc.Node { return El("article", nodes...) }

// Aside is the <aside> element.
func Aside(nodes ...gorsc.Node) gorsc.Node { return El("aside", nodes...) }

// B is the <b> element.
func B(nodes ...gorsc.Node) gorsc.Node { return El("b", nodes...) }

// Blockquote is the <blockquote> element.
func Blockquote(nodes ...gorsc.Node) gorsc.Node { return El("blockquote", nodes...) }

// Body is the <body> element.
func Body(nodes ...gorsc.Node) gorsc.Node { return El("body", nodes...) }

// Br is the <br> element.
func Br(nodes ...gorsc.Node) gorsc.Node { return El("br", nodes...) }

// Button is the <button> element.
func Button(nodes ...gorsc.Node) gorsc.Node { return El("button", nodes...) }

// Caption is the <caption> element.
func Caption(nodes ...gorsc.Node) gorsc.Node { return El("caption", nodes...) }

// Code is the <code> element.
func Code(nodes ...gorsc.Node) gorsc.Node { return El("code", nodes...) }

// Dd is the <dd> element.
func Dd(nodes ...gorsc.Node) gorsc.Node { return El("dd", nodes...) }

// Details is the <details> element.
func Details(nodes ...gorsc.Node) gorsc.Node { return El("details", nodes...) }

// Dialog is the <dialog> element.
func Dialog(nodes ...gorsc.Node) gorsc.Node { return El("dialog", nodes...) }

// Div is the <div> element.
func Div(nodes ...gorsc.Node) gorsc.Node { return El("div", nodes...) }

// Dl is the <dl> element.
func Dl(nodes ...gorsc.Node) gorsc.Node { return El("dl", nodes...) }

// Dt is the <dt> element.
func Dt(nodes ...gorsc.Node) gorsc.Node { return El("dt", nodes...) }

// Em is the <em> element.
func Em(nodes ...gorsc.Node) gorsc.Node { return El("em", nodes...) }

// Fieldset is the <fieldset> element.
func Fieldset(nodes ...gorsc.Node) gorsc.Node { return El("fieldset", nodes...) }

// Figcaption is the <figcaption> element.
func Figcaption(nodes ...gorsc.Node) gorsc.Node { return El("figcaption", nodes...) }

// Figure is the <figure> element.
func Figure(nodes ...gorsc.Node) gorsc.Node { return El("figure", nodes...) }

// Footer is the <footer> element.
func Footer(nodes ...gorsc.Node) gorsc.Node { return El("footer", nodes...) }

// Form is the <form> element.
func Form(nodes ...gorsc.Node) gorsc.Node { return El("form", nodes...) }

// H1 is the <h1> element.
func H1(nodes ...gorsc.Node) gorsc.Node { return El("h1", nodes...) }

// H2 is the <h2> element.
func H2(nodes ...gorsc.Node) gorsc.Node { return El("h2", nodes...) }

// H3 is the <h3> element.
func H3(nodes ...gorsc.Node) gorsc.Node { return El("h3", nodes...) }

// H4 is the <h4> element.
func H4(nodes ...gorsc.Node) gorsc.Node { return El("h4", nodes...) }

// H5 is the <h5> element.
func H5(nodes ...gorsc.Node) gorsc.Node { return El("h5", nodes...) }

// H6 is the <h6> element.
func H6(nodes ...gorsc.Node) gorsc.Node { return El("h6", nodes...) }

// Head is the <head> element.
func Head(nodes ...gorsc.Node) gorsc.Node { return El("head", nodes...) }

// Header is the <header> element.
func Header(nodes ...gorsc.Node) gorsc.Node { return El("header", nodes...) }

// Hr is the <hr> element.
func Hr(nodes ...gorsc.Node) gorsc.Node { return El("hr", nodes...) }

// HTML is the <html> element.
func HTML(nodes ...gorsc.Node) gorsc.Node { return El("html", nodes...) }

// I is the <i> element.
func I(nodes ...gorsc.Node) gorsc.Node { return El("i", nodes...) }

// Img is the <img> element.
func Img(nodes ...gorsc.Node) gorsc.Node { return El("img", nodes...) }

// Input is the <input> element.
func Input(nodes ...gorsc.Node) gorsc.Node { return El("input", nodes...) }

// Label is the <label> element.
func Label(nodes ...gorsc.Node) gorsc.Node { return El("label", nodes...) }

// Legend is the <legend> element.
func Legend(nodes ...gorsc.Node) gorsc.Node { return El("legend", nodes...) }

// Li is the <li> element.
func Li(nodes ...gorsc.Node) gorsc.Node { return El("li", nodes...) }

// Link is the <link> element.
func Link(nodes ...gorsc.Node) gorsc.Node { return El("link", nodes...) }

// Main is the <main> element.
func Main(nodes ...gorsc.Node) gorsc.Node { return El("main", nodes...) }

// Meta is the <meta> element.
func Meta(nodes ...gorsc.Node) gorsc.Node { return El("meta", nodes...) }

// Nav is the <nav> element.
func Nav(nodes ...gorsc.Node) gorsc.Node { return El("nav", nodes...) }

// Ol is the <ol> element.
func Ol(nodes ...gorsc.Node) gorsc.Node { return El("ol", nodes...) }

// Optgroup is the <optgroup> element.
func Optgroup(nodes ...gorsc.Node) gorsc.Node { return El("optgroup", nodes...) }

// Option is the <option> element.
func Option(nodes ...gorsc.Node) gorsc.Node { return El("option", nodes...) }

// P is the <p> element.
func P(nodes ...gorsc.Node) gorsc.Node { return El("p", nodes...) }

// Pre is the <pre> element.
func Pre(nodes ...gorsc.Node) gorsc.Node { return El("pre", nodes...) }

// Script is the <script> element.
func Script(nodes ...gorsc.Node) gorsc.Node { return El("script", nodes...) }

// Section is the <section> element.
func Section(nodes ...gorsc.Node) gorsc.Node { return El("section", nodes...) }

// Select is the <select> element.
func Select(nodes ...gorsc.Node) gorsc.Node { return El("select", nodes...) }

// Small is the <small> element.
func Small(nodes ...gorsc.Node) gorsc.Node { return El("small", nodes...) }

// Span is the <span> element.
func Span(nodes ...gorsc.Node) gorsc.Node { return El("span", nodes...) }

// Strong is the <strong> element.
func Strong(nodes ...gorsc.Node) gorsc.Node { return El("strong", nodes...) }

// StyleEl is the <style> element.
func StyleEl(nodes ...gorsc.Node) gorsc.Node { return El("style", nodes...) }

// Sub is the <sub> element.
func Sub(nodes ...gorsc.Node) gorsc.Node { return El("sub", nodes...) }

// Summary is the <summary> element.
func Summary(nodes ...gorsc.Node) gorsc.Node { return El("summary", nodes...) }

// Sup is the <sup> element.
func Sup(nodes ...gorsc.Node) gorsc.Node { return El("sup", nodes...) }

// Table is the <table> element.
func Table(nodes ...gorsc.Node) gorsc.Node { return El("table", nodes...) }

// Tbody is the <tbody> element.
func Tbody(nodes ...gorsc.Node) gorsc.Node { return El("tbody", nodes...) }

// Td is the <td> element.
func Td(nodes ...gorsc.Node) gorsc.Node { return El("td", nodes...) }

// Textarea is the <textarea> element.
func Textarea(nodes ...gorsc.Node) gorsc.Node { return El("textarea", nodes...) }

// Tfoot is the <tfoot> element.
func Tfoot(nodes ...gorsc.Node) gorsc.Node { return El("tfoot", nodes...) }

// Th is the <th> element.
func Th(nodes ...gorsc.Node) gorsc.Node { return El("th", nodes...) }

// Thead is the <thead> element.
func Thead(nodes ...gorsc.Node) gorsc.Node { return El("thead", nodes...) }

// Time is the <time> element.
func Time(nodes ...gorsc.Node) gorsc.Node { return El("time", nodes...) }

// Title is the <title> element.
func Title(nodes ...gorsc.Node) gorsc.Node { return El("title", nodes...) }

// Tr is the <tr> element.
func Tr(nodes ...gorsc.Node) gorsc.Node { return El("tr", nodes...) }

// U is the <u> element.
func U(nodes ...gorsc.Node) gorsc.Node { return El("u", nodes...) }

// Ul is the <ul> element.
func Ul(nodes ...gorsc.Node) gorsc.Node { return El("ul", nodes...) }

// Video is the <video> element.
func Video(nodes ...gorsc.Node) gorsc.Node { return El("video", nodes...) }
