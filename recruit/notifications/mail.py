"""The development console mailer, readable: each email printed as 8-bit UTF-8 text.

Django's console backend prints the message as it would go over the wire,
quoted-printable, which breaks a long verification link across two lines
with "=" at the end of the first. This one prints the same headers with the
text parts as they are, so a newcomer can click the link. Text attachments
(an interview's .ics) stay attachments, with their file name and their
type's parameters, printed as text too.
"""

from django.core.mail.backends.console import EmailBackend


class ConsoleBackend(EmailBackend):
    def write_message(self, message):
        msg = message.message()
        for part in msg.walk():
            if part.get_content_maintype() == "text" and not part.is_multipart():
                # set_content starts the part afresh: what made it an attachment is given again.
                attachment = {}
                if part.is_attachment():
                    parameters = {k: v for k, v in part.get_params()[1:] if k != "charset"}
                    attachment = {"disposition": "attachment", "filename": part.get_filename(), "params": parameters}
                part.set_content(part.get_content(), subtype=part.get_content_subtype(), cte="8bit", **attachment)
        self.stream.write(msg.as_bytes().decode("utf-8", errors="replace"))
        self.stream.write("\n" + "-" * 79 + "\n")
