from frontlijn.lib.tokens import hash_token


def test_hash_is_the_sha256_hex_the_stored_links_and_api_tokens_have():
    # Feedback links and API tokens stored before the two copies became one were hashed this way.
    assert hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
