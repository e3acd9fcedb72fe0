#include "web/applications/pdf_document.hpp"

#include "i18n/labels.hpp"
#include "pdf/application_pdf.hpp"

namespace kczg::web {

std::string render_application_form_pdf(const Campaign& campaign, const ApplicationRecord& record,
                                        Lang lang) {
  const Application& a = record.application;
  const List* list = find_list(campaign, a.list);
  std::string list_name = list ? in_lang(lang, list->name_zh, list->name_en) : a.list;
  pdf::ApplicationDocument doc;
  doc.title = in_lang(lang, campaign.name_zh, campaign.name_en) + " · " + list_name;
  doc.subtitle = translate("page.form_document", {}, lang);
  if (list) {
    if (const Field* f = find_field(*list, a.field)) {
      doc.subtitle += " · " + in_lang(lang, f->name_zh, f->name_en);
    }
  }
  std::string number = application_number(campaign.year, a);
  doc.receipt.push_back({translate("page.application_number", {}, lang), number});
  doc.receipt.push_back({translate("page.state", {}, lang), state_label(a.state, lang)});
  if (a.submitted_at) {
    doc.receipt.push_back(
        {translate("page.submitted_at", {}, lang), format_shanghai(*a.submitted_at)});
    doc.receipt.push_back({"SHA-256", a.content_sha256});
  }
  for (const FormSection& section : record.form->sections) {
    pdf::PdfSection s{in_lang(lang, section.label_zh, section.label_en), {}};
    for (const FormField& f : section.fields) {
      auto value = record.values.find(f.name);
      std::string text = value == record.values.end() ? "" : value->second;
      for (const FormOption& o : f.options) {
        if (o.code == text) text = in_lang(lang, o.label_zh, o.label_en);
      }
      if (f.type == FormFieldType::attestation) {
        text = text == "1" ? translate("page.confirmed", {}, lang) : "";
      }
      if (f.type == FormFieldType::region && !text.empty()) text = region_label(text, lang);
      s.rows.push_back({in_lang(lang, f.label_zh, f.label_en), text});
    }
    doc.sections.push_back(std::move(s));
  }
  pdf::PdfSection files{translate("page.attachments", {}, lang), {}};
  for (const Attachment& f : record.attachments) {
    const FormAttachment* kind = find_form_attachment(*record.form, f.kind);
    files.rows.push_back({kind ? in_lang(lang, kind->label_zh, kind->label_en) : f.kind,
                          f.name + " (SHA-256 " + f.sha256 + ")"});
  }
  if (!files.rows.empty()) doc.sections.push_back(std::move(files));
  doc.signature_note = translate("page.signature_note", {}, lang);
  doc.footer = number;
  return pdf::render_application_pdf(doc);
}

}  // namespace kczg::web
