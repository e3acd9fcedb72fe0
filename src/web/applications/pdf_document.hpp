// The printable 申报书 of an application: its form as the applicant filled it, the
// receipt, and a block for the stamp, typeset by src/pdf.
#pragma once

#include <string>

#include "web/applications/operations.hpp"

namespace kczg::web {

// PDF bytes, labels in `lang`.
std::string render_application_form_pdf(const Campaign& campaign, const ApplicationRecord& record,
                                        Lang lang);

}  // namespace kczg::web
