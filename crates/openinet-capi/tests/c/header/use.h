/* Uses a little of everything, so a broken declaration fails to compile. */
static void cb(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h; (void)ctx; (void)status; (void)info; (void)len;
}

static int use_header(void)
{
    URL_COMPONENTS uc;
    INTERNET_CACHE_ENTRY_INFOA ce;
    INTERNET_BUFFERSW bw;
    INTERNET_ASYNC_RESULT ar;
    WIN32_FIND_DATAW fd;
    SYSTEMTIME st;
    INTERNET_STATUS_CALLBACK prev = InternetSetStatusCallback(NULL, cb);
    ce.dwExemptDelta = 1;
    uc.dwStructSize = sizeof(uc);
    bw.dwStructSize = sizeof(bw);
    ar.dwError = ERROR_IO_PENDING;
    fd.cFileName[0] = 0;
    st.wYear = 2024;
    (void)InternetOpen; (void)InternetCrackUrl;
    (void)uc; (void)ce; (void)bw; (void)ar; (void)fd; (void)st;
    if (prev == INTERNET_INVALID_STATUS_CALLBACK) return 1;
    return (int)(HTTP_QUERY_FLAG_NUMBER >> 29) + (int)INTERNET_MAX_URL_LENGTH
        + (INTERNET_SCHEME_HTTPS == 4) + (int)ERROR_INTERNET_CANNOT_CONNECT;
}
