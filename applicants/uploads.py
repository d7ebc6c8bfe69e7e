"""An upload handler that stops reading a request body once it is clearly too big.

Django writes an upload to a temporary file before any view sees it, so a
1 GB "resume" would fill the disk first and be refused after. This handler,
first in FILE_UPLOAD_HANDLERS, stops the upload as soon as the body passes
the resume limit (plus room for the form's other fields) and marks the
request, so the view can say why.
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .pdf import MAX_RESUME_BYTES

# Multipart boundaries, headers and the CSRF token come with the file.
MAX_UPLOAD_BODY = MAX_RESUME_BYTES + 256 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    received = 0
    announced_too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Refused at the first file chunk, not here: the fields before the
        # file (the CSRF token) are still read, so the page can answer.
        self.announced_too_large = bool(content_length and content_length > MAX_UPLOAD_BODY)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.announced_too_large or self.received > MAX_UPLOAD_BODY:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        if self.request is not None:
            self.request.upload_too_large = True
        raise StopUpload(connection_reset=False)
